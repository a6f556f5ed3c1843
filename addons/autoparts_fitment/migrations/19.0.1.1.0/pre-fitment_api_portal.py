"""19.0.1.0.0: the group "API: read-only fitment lookup" implied base.group_user, so a partner's API
login was an employee that read every contact, user and product. From 19.0.1.1.0 it implies
base.group_portal, and a user cannot be employee and portal at once. Before the new definition loads:

- an API-only login (no group besides the API group, base.group_user and what base.group_user implies)
  becomes a portal user: those groups give way to base.group_portal and its share flag is set;
- a staff member who also had the API group stays an employee: it leaves the API group and gets
  "Clerk: search parts by vehicle", the internal group the lookup methods also accept.

Logins, passwords, API keys and every other record of those users are left as they are.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger(__name__)


def _group_id(cr, xmlid):
    module, name = xmlid.split(".")
    cr.execute(
        "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s AND model = 'res.groups'", [module, name]
    )
    row = cr.fetchone()
    return row[0] if row else None


def _with_implied(cr, group_id):
    cr.execute(
        """
        WITH RECURSIVE implied(gid) AS (
            SELECT %s
            UNION
            SELECT rel.hid FROM res_groups_implied_rel rel JOIN implied ON rel.gid = implied.gid
        )
        SELECT gid FROM implied
        """,
        [group_id],
    )
    return {row[0] for row in cr.fetchall()}


def split_api_users(cr):
    """(API-only logins, staff members) among the users in the API group."""
    api = _group_id(cr, "autoparts_fitment.group_autoparts_fitment_api")
    employee = _group_id(cr, "base.group_user")
    if not api or not employee:
        return [], []
    api_only_groups = _with_implied(cr, employee) | {api}
    cr.execute(
        """
        SELECT uid, array_agg(gid) FROM res_groups_users_rel
         WHERE uid IN (SELECT uid FROM res_groups_users_rel WHERE gid = %s)
         GROUP BY uid ORDER BY uid
        """,
        [api],
    )
    api_only, staff = [], []
    for uid, gids in cr.fetchall():
        (api_only if set(gids) <= api_only_groups else staff).append(uid)
    return api_only, staff


def move_api_users(cr):
    api = _group_id(cr, "autoparts_fitment.group_autoparts_fitment_api")
    api_only, staff = split_api_users(cr)
    if api_only:
        openupgrade.logged_query(
            cr, "DELETE FROM res_groups_users_rel WHERE uid = ANY(%s) AND gid != %s", [api_only, api]
        )
        openupgrade.logged_query(
            cr,
            "INSERT INTO res_groups_users_rel (uid, gid) SELECT unnest(%s::int[]), %s ON CONFLICT DO NOTHING",
            [api_only, _group_id(cr, "base.group_portal")],
        )
        openupgrade.logged_query(cr, "UPDATE res_users SET share = TRUE WHERE id = ANY(%s)", [api_only])
    if staff:
        openupgrade.logged_query(cr, "DELETE FROM res_groups_users_rel WHERE gid = %s AND uid = ANY(%s)", [api, staff])
        openupgrade.logged_query(
            cr,
            "INSERT INTO res_groups_users_rel (uid, gid) SELECT unnest(%s::int[]), %s ON CONFLICT DO NOTHING",
            [staff, _group_id(cr, "autoparts_fitment.group_autoparts_fitment_clerk")],
        )
    _logger.info(
        "fitment API: %s API login(s) made portal users %s; %s staff member(s) moved to the clerk group %s",
        len(api_only),
        api_only,
        len(staff),
        staff,
    )


@openupgrade.migrate()
def migrate(env, version):
    move_api_users(env.cr)
