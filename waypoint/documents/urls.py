"""URLs of the letter pages (mounted at the site root)."""
from django.urls import path

from . import views

urlpatterns = [
    path("cases/<int:case_id>/letters/new", views.letter_new, name="letter-new"),
    path("letters/<int:letter_id>", views.letter_detail, name="letter-detail"),
    path("letters/<int:letter_id>/pdf", views.letter_pdf, name="letter-pdf"),
    path("letters/<int:letter_id>/sent", views.letter_mark_sent, name="letter-mark-sent"),
    path("letters/templates", views.template_list, name="letter-templates"),
    path("letters/templates/<str:letter_type>", views.template_edit, name="letter-template-edit"),
]
