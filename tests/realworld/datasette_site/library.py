"""The corpus's Datasette data: a small library catalogue, written to a fresh SQLite file at the start of a session.

Two tables joined by a foreign key (Datasette shows the author's name in the books table), enough rows for filters,
facets and sorting to change what is on the screen, and a canned query with a parameter (a form) in metadata.yaml.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

AUTHORS = [
    (1, "Ursula K. Le Guin", 1929, "United States"),
    (2, "Chinua Achebe", 1930, "Nigeria"),
    (3, "Italo Calvino", 1923, "Italy"),
    (4, "Octavia E. Butler", 1947, "United States"),
    (5, "Stanisław Lem", 1921, "Poland"),
    (6, "Jane Austen", 1775, "United Kingdom"),
]

BOOKS = [
    # title, author id, year, genre, pages
    ("A Wizard of Earthsea", 1, 1968, "Fantasy", 183),
    ("The Left Hand of Darkness", 1, 1969, "Science fiction", 286),
    ("The Dispossessed", 1, 1974, "Science fiction", 387),
    ("Things Fall Apart", 2, 1958, "Literary fiction", 209),
    ("Arrow of God", 2, 1964, "Literary fiction", 287),
    ("Invisible Cities", 3, 1972, "Literary fiction", 165),
    ("If on a winter's night a traveler", 3, 1979, "Literary fiction", 260),
    ("The Baron in the Trees", 3, 1957, "Fantasy", 217),
    ("Kindred", 4, 1979, "Science fiction", 264),
    ("Parable of the Sower", 4, 1993, "Science fiction", 345),
    ("Solaris", 5, 1961, "Science fiction", 204),
    ("The Cyberiad", 5, 1965, "Science fiction", 295),
    ("Pride and Prejudice", 6, 1813, "Romance", 432),
    ("Emma", 6, 1815, "Romance", 474),
    ("Persuasion", 6, 1817, "Romance", 249),
]


def write_library(path: Path) -> Path:
    connection = sqlite3.connect(path)
    with connection:
        connection.executescript(
            """
            CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER, country TEXT);
            CREATE TABLE books (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                author_id INTEGER REFERENCES authors(id),
                year INTEGER,
                genre TEXT,
                pages INTEGER
            );
            """
        )
        connection.executemany("INSERT INTO authors VALUES (?, ?, ?, ?)", AUTHORS)
        connection.executemany(
            "INSERT INTO books (title, author_id, year, genre, pages) VALUES (?, ?, ?, ?, ?)", BOOKS
        )
    connection.close()
    return path
