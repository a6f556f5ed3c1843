def post_init_hook(env):
    # Create the per-database signing secret at install so every ticket is signed with it.
    env["pos.ticket"]._get_signing_secret()
