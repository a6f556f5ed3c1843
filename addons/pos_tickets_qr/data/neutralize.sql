-- tickets minted on a staging copy must never be valid at the real bar: the signing secret is
-- dropped, the copy makes its own on the next ticket
DELETE FROM ir_config_parameter
 WHERE key = 'pos_tickets_qr.signing_secret';
