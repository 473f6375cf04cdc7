from django.core.management.base import BaseCommand

from hits import counter


class Command(BaseCommand):
    help = "Add the views counted in Redis to the database (run every few seconds; safe to run concurrently)."

    def handle(self, *args, **options):
        added = counter.flush()
        if options["verbosity"] > 1:
            self.stdout.write(f"{added} views added.")
