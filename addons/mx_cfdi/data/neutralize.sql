-- a staging copy never stamps or cancels a real CFDI: the in-process demo PAC, no PAC credentials,
-- no e-mail to customers, no call to SAT's status service
UPDATE res_company
   SET mx_cfdi_pac = 'demo',
       mx_cfdi_pac_url = NULL,
       mx_cfdi_pac_username = NULL,
       mx_cfdi_pac_password = NULL,
       mx_cfdi_auto_email = false;

DELETE FROM ir_config_parameter
 WHERE key = 'mx_cfdi.sat_status_url';
