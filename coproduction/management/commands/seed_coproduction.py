"""Demo data for the coproduction app (run by ``manage.py seed_demo``). Idempotent.

The notification templates; the demo superuser and demo user of ``accounts`` mirrored as
coproduction users; an organisation with two teams; two processes whose trees are built by
``set_schema`` (from the catalogue database's ``default`` schema when the catalogue has one,
else from the bundled ``fixtures/demo_schema.json``); permissions on a whole process and on
one phase; assets; a published story.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections, transaction

from accounts.models import User as AccountUser
from common.exceptions import APIError
from coproduction import catalogue, models, services
from coproduction.management.commands.load_notification_templates import load_notification_templates

DEMO_SCHEMA = Path(__file__).resolve().parents[2] / "fixtures" / "demo_schema.json"
PROCESSES = ("Demo: Green city mobility", "Demo: Neighbourhood library")


def catalogue_default_schema_id():
    """The catalogue's schema named ``default`` (else its first schema), or None without a catalogue."""
    try:
        with transaction.atomic(using="catalogue"), connections["catalogue"].cursor() as cursor:
            cursor.execute(
                "SELECT s.id FROM coproductionschema s JOIN artefact a ON a.id = s.id "
                "ORDER BY (lower(a.name_translations -> 'en') = 'default') DESC, a.created_at, s.id LIMIT 1"
            )
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row else None


def demo_schema(language: str) -> tuple[dict, str]:
    schema_id = catalogue_default_schema_id()
    if schema_id is not None:
        try:
            return catalogue.schema_tree(schema_id, language), "the catalogue's default schema"
        except APIError:
            pass
    return json.loads(DEMO_SCHEMA.read_text()), "the bundled demo schema"


def mirror(email: str) -> models.User | None:
    account = AccountUser.objects.filter(email=email).first()
    return services.user_sync_from_account(account) if account else None


class Command(BaseCommand):
    help = "Load the coproduction demo data (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic(using="coproduction"):
            created, updated = load_notification_templates()
            self.stdout.write(f"  notification templates: {created} created, {updated} updated")
            admin = mirror(settings.FIRST_SUPERUSER)
            user = mirror(settings.FIRST_USER)
            if admin is None or user is None:
                self.stdout.write("  the accounts demo users are missing: run seed_accounts first")
                return
            organization = models.Organization.objects.filter(name_translations__en="Demo City Council").first()
            if organization is None:
                organization = models.Organization.objects.create(
                    name_translations={"en": "Demo City Council", "es": "Ayuntamiento de demostración"},
                    description_translations={"en": "A city council co-producing services with residents."},
                    default_team_type=models.RoleTypes.PUBLIC_ADMINISTRATION,
                    team_creation_permission=models.TeamCreationPermissions.MEMBERS,
                    public=True,
                    creator=admin,
                )
                models.OrganizationAdministrator.objects.create(organization=organization, user=admin)
            staff = self._team(organization, "City staff", models.RoleTypes.PUBLIC_ADMINISTRATION, admin, [admin])
            residents = self._team(organization, "Residents panel", models.RoleTypes.CITIZEN, admin, [user])
            for index, name in enumerate(PROCESSES):
                if models.CoproductionProcess.objects.filter(name=name).exists():
                    continue
                process = services.process_create(
                    data={
                        "name": name,
                        "language": "en",
                        "description": "A demo co-production process.",
                        "aim": "Show how a process, its teams and its assets fit together.",
                        "organization": organization,
                        "is_public": index == 0,
                    },
                    creator=admin,
                )
                schema, source = demo_schema(process.language)
                services.set_schema(process=process, schema=schema, creator=admin)
                self.stdout.write(f"  {name}: tree built by set_schema from {source}")
                models.Permission.objects.create(
                    creator=admin,
                    team=residents,
                    coproductionprocess=process,
                    access_assets_permission=True,
                    create_assets_permission=True,
                )
                first_phase = process.children.order_by("created_at", "id").first()
                if first_phase is not None:
                    models.Permission.objects.create(
                        creator=admin,
                        team=staff,
                        coproductionprocess=process,
                        treeitem=first_phase.treeitem_ptr,
                        access_assets_permission=True,
                        create_assets_permission=True,
                        delete_assets_permission=True,
                    )
                task = (
                    models.Task.objects.filter(objective__phase__coproductionprocess=process)
                    .order_by("created_at", "id")
                    .first()
                )
                if task is not None:
                    services.asset_create(
                        model=models.ExternalAsset,
                        data={"name": "Kick-off minutes", "uri": "https://example.org/kick-off-minutes"},
                        task=task,
                        creator=user,
                    )
                    services.asset_create(
                        model=models.InternalAsset,
                        data={"external_asset_id": "demo-document-1"},
                        task=task,
                        creator=admin,
                    )
                if index == 0:
                    services.publish_story(
                        process=process,
                        user=admin,
                        data_story={
                            "title": "Greener streets, chosen together",
                            "description": "Residents and city staff redesigned three streets.",
                            "keywords": "mobility, streets",
                        },
                        label_name="Published: ",
                        from_view="for_publication",
                    )
        self.stdout.write(self.style.SUCCESS("  coproduction demo data ready"))

    def _team(self, organization, name, team_type, creator, members) -> models.Team:
        team = models.Team.objects.filter(organization=organization, name=name).first()
        if team is None:
            team = models.Team.objects.create(
                organization=organization, name=name, description=f"{name} of the demo", type=team_type, creator=creator
            )
            models.TeamAdministrator.objects.create(team=team, user=creator)
        for member in members:
            services.team_add_member(team=team, user=member)
        return team
