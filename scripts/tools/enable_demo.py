"""Turns demo data on in a database whose accounting was installed without it (run via `odoo shell`).

Why: with demo data, `account` loads Odoo's generic chart of accounts onto the main company, so a
Mexican main company never gets l10n_mx's chart. The suite's databases therefore install
`account` + `l10n_mx` without demo, then call this: it loads the demo data of the installed modules
that do not depend on `account` (base's demo partners and users, ...), and flags every installed module
as having demo data, so every module installed afterwards loads its demo data as usual.
"""

from odoo.modules.loading import load_demo
from odoo.modules.module_graph import ModuleGraph

env.cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")  # noqa: F821 (odoo shell)
installed = [name for (name,) in env.cr.fetchall()]  # noqa: F821
graph = ModuleGraph(env.cr, mode="load")  # noqa: F821
graph.extend(installed)
accounting = {"account"}
for package in graph:
    if package.name in accounting or any(dep.name in accounting for dep in package.depends):
        accounting.add(package.name)
        continue
    load_demo(env, package, {}, "init")  # noqa: F821
env.cr.execute("UPDATE ir_module_module SET demo = TRUE WHERE state = 'installed'")  # noqa: F821
env.cr.commit()  # noqa: F821
print("demo enabled; accounting modules left without demo:", ", ".join(sorted(accounting)))
