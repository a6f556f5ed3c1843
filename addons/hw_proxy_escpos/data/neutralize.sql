-- a till opening a staging copy never prints on, or opens the drawer of, the shop's real box
UPDATE pos_config
   SET is_posbox = false,
       proxy_ip = NULL;

UPDATE pos_printer
   SET escpos_proxy_url = NULL,
       proxy_ip = NULL;
