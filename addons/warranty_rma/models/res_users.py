from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _load_pos_data_read(self, records, config):
        """Tell the POS whether the cashier may open warranty claims, so it shows the Warranty button only then."""
        read_records = super()._load_pos_data_read(records, config)
        for vals in read_records:
            user = self.browse(vals["id"])
            vals["warranty_rma_clerk"] = user.has_group("warranty_rma.group_warranty_rma_user")
        return read_records
