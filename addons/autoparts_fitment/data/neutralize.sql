-- no outside call from a staging copy: vPIC off (VINs decoded offline), the AI endpoint off and its key cleared
UPDATE ir_config_parameter
   SET value = ''
 WHERE key IN ('autoparts_fitment.vpic_enabled', 'autoparts_fitment.vpic_url',
               'autoparts_fitment.ai_enabled', 'autoparts_fitment.ai_url', 'autoparts_fitment.ai_key');
