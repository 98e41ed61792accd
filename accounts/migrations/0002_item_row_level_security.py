"""Row-level security on ``item``: enabled and forced, one policy per command.

Upstream's policy names are kept; the predicate is fixed to fail closed (an unset or reset
``app.user_id`` reads as NULL, so no row matches and nothing raises), the UPDATE policy also
checks the new row. (0002 dropped upstream's ``read_only_admin`` role value; 0003 restores it in the
SELECT policy.)
"""

from django.db import migrations

PREDICATE = (
    "owner_id = (SELECT NULLIF(current_setting('app.user_id', true), '')::uuid)"
    " OR (SELECT NULLIF(current_setting('app.role', true), '')) = 'admin'"
)

FORWARD = f"""
ALTER TABLE item ENABLE ROW LEVEL SECURITY;
ALTER TABLE item FORCE ROW LEVEL SECURITY;
CREATE POLICY user_select_policy ON item FOR SELECT USING ({PREDICATE});
CREATE POLICY user_insert_policy ON item FOR INSERT WITH CHECK ({PREDICATE});
CREATE POLICY user_update_policy ON item FOR UPDATE USING ({PREDICATE}) WITH CHECK ({PREDICATE});
CREATE POLICY user_delete_policy ON item FOR DELETE USING ({PREDICATE});
"""

BACKWARD = """
DROP POLICY IF EXISTS user_delete_policy ON item;
DROP POLICY IF EXISTS user_update_policy ON item;
DROP POLICY IF EXISTS user_insert_policy ON item;
DROP POLICY IF EXISTS user_select_policy ON item;
ALTER TABLE item NO FORCE ROW LEVEL SECURITY;
ALTER TABLE item DISABLE ROW LEVEL SECURITY;
"""


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
