from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    fitment_ai_enabled = fields.Boolean(
        string="AI fitment suggestions",
        config_parameter="autoparts_fitment.ai_enabled",
        help="Ask a language model for the vehicles a new part fits; suggestions wait for approval",
    )
    fitment_ai_url = fields.Char(
        string="AI endpoint URL",
        config_parameter="autoparts_fitment.ai_url",
        help="OpenAI-compatible API base URL, e.g. https://api.openai.com/v1",
    )
    fitment_ai_model = fields.Char(string="AI model", config_parameter="autoparts_fitment.ai_model")
    fitment_ai_key = fields.Char(
        string="AI API key", config_parameter="autoparts_fitment.ai_key", groups="base.group_system"
    )
