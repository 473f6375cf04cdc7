from django.shortcuts import render


def server_error(request):
    """Render the theme's 500 page without touching the database, which may be what failed."""
    return render(request, "500.html", {"site_data": {}}, status=500)
