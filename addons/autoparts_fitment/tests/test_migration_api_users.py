from importlib import util
from pathlib import Path

from odoo.tests import TransactionCase, new_test_user, tagged

MIGRATION = Path(__file__).parents[1] / "migrations" / "19.0.1.1.0" / "pre-fitment_api_portal.py"


def _load_migration():
    spec = util.spec_from_file_location("autoparts_fitment_pre_fitment_api_portal", MIGRATION)
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrationApiUsers(TransactionCase):
    """Upgrade from 19.0.1.0.0, where the API group implied base.group_user: its users as they were then
    (group rows written directly, as the old version left them) go through the pre-migration."""

    def _old_api_member(self, user):
        api = self.env.ref("autoparts_fitment.group_autoparts_fitment_api")
        self.env.cr.execute("INSERT INTO res_groups_users_rel (uid, gid) VALUES (%s, %s)", [user.id, api.id])
        self.env.invalidate_all()

    def _groups(self, user):
        self.env.invalidate_all()
        self.env.registry.clear_cache("groups")
        return user.all_group_ids

    def test_api_logins_become_portal_users_and_staff_keep_their_job(self):
        api_login = new_test_user(self.env, "old_api_login", groups="base.group_user")
        staff = new_test_user(self.env, "old_api_staff", groups="base.group_user,sales_team.group_sale_salesman")
        for user in api_login | staff:
            self._old_api_member(user)
        login_before = api_login.login
        key_count = self.env["res.users.apikeys"].search_count([])

        _load_migration().move_api_users(self.env.cr)

        api = self.env.ref("autoparts_fitment.group_autoparts_fitment_api")
        groups = self._groups(api_login)
        self.assertIn(api, groups)
        self.assertIn(self.env.ref("base.group_portal"), groups)
        self.assertNotIn(self.env.ref("base.group_user"), groups)
        self.assertTrue(api_login.share)
        self.assertEqual(api_login.login, login_before)
        api_login._check_disjoint_groups()

        groups = self._groups(staff)
        self.assertNotIn(api, groups)
        self.assertIn(self.env.ref("base.group_user"), groups)
        self.assertIn(self.env.ref("sales_team.group_sale_salesman"), groups)
        self.assertIn(self.env.ref("autoparts_fitment.group_autoparts_fitment_clerk"), groups)
        self.assertFalse(staff.share)
        self.assertEqual(self.env["res.users.apikeys"].search_count([]), key_count)

    def test_nothing_to_do_without_api_users(self):
        self.assertEqual(_load_migration().split_api_users(self.env.cr), ([], []))
