from . import pos_config, pos_printer, res_config_settings
