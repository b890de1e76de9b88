"""The two pages step 04 has: MDN's index view with its visit counter, and pythontutorial.net's /visit."""
from django.http import HttpResponse
from django.shortcuts import render

from .models import Author, Book, BookInstance


def index(request):
    """MDN's LocalLibrary home page, as its chapter on sessions leaves it."""
    num_books = Book.objects.all().count()
    num_instances = BookInstance.objects.all().count()
    num_instances_available = BookInstance.objects.filter(status__exact="a").count()
    num_authors = Author.objects.count()
    num_visits = request.session.get("num_visits", 0) + 1
    request.session["num_visits"] = num_visits
    context = {
        "num_books": num_books,
        "num_instances": num_instances,
        "num_instances_available": num_instances_available,
        "num_authors": num_authors,
        "num_visits": num_visits,
    }
    return render(request, "index.html", context=context)


def visit(request):
    request.session["visit"] = request.session.get("visit", 0) + 1
    return HttpResponse(f"Visit count:{request.session['visit']}")
