"""Infrastructure every app uses and that imports none of them."""
