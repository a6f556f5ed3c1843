from . import wallet_topup_wizard
