"""The same sample catalog as step 04's: 4 authors, 5 books, 9 copies of which 5 are available."""
from .models import Author, Book, BookInstance

SAMPLE = [
    ("Jane", "Austen", "1775-12-16", "1817-07-18", [("Pride and Prejudice", "T. Egerton, 1813", "aao"),
                                                     ("Emma", "John Murray, 1815", "o")]),
    ("Mary", "Shelley", "1797-08-30", "1851-02-01", [("Frankenstein; or, The Modern Prometheus",
                                                      "Lackington, Hughes, Harding, Mavor & Jones, 1818", "am")]),
    ("Herman", "Melville", "1819-08-01", "1891-09-28", [("Moby-Dick; or, The Whale", "Harper & Brothers, 1851", "a")]),
    ("Lewis", "Carroll", "1832-01-27", "1898-01-14", [("Alice's Adventures in Wonderland", "Macmillan, 1865", "ao")]),
]


def add_sample():
    for first, last, born, died, books in SAMPLE:
        author = Author.objects.create(first_name=first, last_name=last, date_of_birth=born, date_of_death=died)
        for title, imprint, copies in books:
            book = Book.objects.create(title=title, author=author)
            for status in copies:
                BookInstance.objects.create(book=book, imprint=imprint, status=status)
