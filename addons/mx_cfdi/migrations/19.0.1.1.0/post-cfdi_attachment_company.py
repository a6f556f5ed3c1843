"""Stamped XML attachments take their CFDI document's company.

Up to 19.0.1.0.0 the stamping cron created them with its own user's company, so the XML of a second company's
CFDI carried the first company. From 19.0.1.1.0 an XML is handed out only when it is attached to the document's
own record in the document's company: without this fix those XML would no longer be served. A document whose
attachment belongs to another record (no code path makes one; a forged link would) is left as is and listed.
"""

import logging

from openupgradelib import openupgrade

_logger = logging.getLogger(__name__)

OWN_RECORD = """
    a.res_field IS NULL
    AND (
        (d.move_id IS NOT NULL AND a.res_model = 'account.move' AND a.res_id = d.move_id)
        OR (d.move_id IS NULL AND a.res_model = 'mx.cfdi.document' AND a.res_id = d.id)
    )
"""


@openupgrade.migrate()
def migrate(env, version):
    env.cr.execute(
        f"""UPDATE ir_attachment a
               SET company_id = d.company_id
              FROM mx_cfdi_document d
             WHERE d.attachment_id = a.id
               AND a.company_id IS DISTINCT FROM d.company_id
               AND {OWN_RECORD}"""
    )
    _logger.info("mx_cfdi: %s stamped XML attachments moved to their CFDI's company", env.cr.rowcount)
    env.cr.execute(
        f"""SELECT d.id FROM mx_cfdi_document d JOIN ir_attachment a ON a.id = d.attachment_id
             WHERE NOT ({OWN_RECORD}) ORDER BY d.id"""
    )
    foreign = [row[0] for row in env.cr.fetchall()]
    if foreign:
        _logger.warning("mx_cfdi: CFDI documents %s point to another record's attachment: it is not served", foreign)
