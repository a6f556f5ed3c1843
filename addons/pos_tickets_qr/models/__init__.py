from . import pos_category, pos_config, pos_order, pos_ticket, pos_ticket_line
