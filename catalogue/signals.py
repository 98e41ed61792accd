"""Keep the rating aggregates right whatever writes a rating (API, admin, shell, cascades)."""

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from catalogue.models import Rating
from catalogue.services import artefact_ratings_refresh


@receiver(post_init, sender=Rating)
def remember_rated_artefact(sender, instance, **kwargs):
    instance._stored_artefact_id = instance.__dict__.get("artefact_id")


@receiver(post_save, sender=Rating)
def refresh_after_save(sender, instance, using, **kwargs):
    artefact_ratings_refresh({instance._stored_artefact_id, instance.artefact_id}, using=using)
    instance._stored_artefact_id = instance.artefact_id


@receiver(post_delete, sender=Rating)
def refresh_after_delete(sender, instance, using, **kwargs):
    artefact_ratings_refresh({instance.artefact_id}, using=using)
