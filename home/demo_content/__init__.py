"""Data for the ``seed_demo`` command: a fictional special-education school portal.

Everything is made locally and deterministically: texts are composed from templates with a fixed
random seed, images are drawn with Pillow and documents are written by hand.
"""
