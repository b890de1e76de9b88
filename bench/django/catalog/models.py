"""MDN's LocalLibrary models, with just the fields the home page counts (as step 04's tables)."""
import uuid

from django.db import models


class Author(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.SET_NULL, null=True)


class BookInstance(models.Model):
    LOAN_STATUS = (("m", "Maintenance"), ("o", "On loan"), ("a", "Available"), ("r", "Reserved"))
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    book = models.ForeignKey(Book, on_delete=models.RESTRICT, null=True)
    imprint = models.CharField(max_length=200)
    status = models.CharField(max_length=1, choices=LOAN_STATUS, blank=True, default="m")
