"""Fitment search at scale: 100k parts, 30k vehicles, 2M applications (prints figures; not a test).

    PYTHONPATH=vendor/odoo/usr/lib/python3/dist-packages \
        .venv/bin/python scripts/bench/autoparts_fitment_search.py --source-db fit_data [--db fit_bench]

Copies --source-db (any database where autoparts_fitment is installed, e.g. the one scripts/test.sh
left behind) into a dedicated bench database, fills it in SQL (INSERT ... SELECT generate_series, a
few seconds per million rows), then measures through the Odoo environment, as the POS and the API
call them:
  - vehicle -> fitting in-stock parts, first page of 40 (the addon's query), the same page as the POS
    asks for it (compatible first, then universal, with stock per warehouse), against the naive ORM
    search `product.template.search([('fitment_application_ids.base_vehicle_id', '=', v),
    ('qty_available', '>', 0)], limit=40)` in the same run;
  - part -> vehicles; VIN -> parts (offline decode + catalogue match + parts);
  - ACES import throughput on a generated ACES 4.2 file (rolled back);
  - with --tills 2 4 8: vehicle -> parts asked by that many processes at once, back to back.
Targets (issue #3): vehicle -> parts p95 <= 15 ms and >= 10x the naive search; import >= 10,000/s.
Database connection as scripts/lib.sh (PGHOST, PGPORT, PGUSER_ODOO, PGPASSWORD_ODOO).
"""

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ODOO_PY = REPO / "vendor" / "odoo" / "usr" / "lib" / "python3" / "dist-packages"
sys.path.insert(0, str(ODOO_PY))

import psycopg2  # noqa: E402

import odoo.addons  # noqa: E402

odoo.addons.__path__.append(str(REPO / "addons"))

from bench_common import configure_odoo  # noqa: E402

from odoo.addons.autoparts_fitment.lib import vin as vin_lib  # noqa: E402

MAKES = ["Volkswagen", "Nissan", "Chevrolet", "Toyota", "Honda", "Kia", "Ford"]
VIN_PREFIXES = {"Volkswagen": "3VW", "Nissan": "3N1", "Chevrolet": "1G1", "Toyota": "JTD", "Honda": "3HG", "Kia": "KNA"}
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010.. for letter position 7


def connect(dbname):
    return psycopg2.connect(
        dbname=dbname,
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER_ODOO", "odoo"),
        password=os.environ.get("PGPASSWORD_ODOO", "odoo"),
    )


def create_bench_db(source, target):
    conn = connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
        cr.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    conn.close()


def timed(label, function):
    started = time.monotonic()
    result = function()
    print(f"  {label}: {time.monotonic() - started:.1f} s", flush=True)
    return result


def copy_from_seed(cr, table, seed_id, from_sql, overrides, params):
    """INSERT into table one copy of row seed_id per row of from_sql (alias t), some columns overridden."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'", [table]
    )
    columns = [c for (c,) in cr.fetchall()]
    exprs = [overrides.get(c, f"s.{c}") for c in columns]
    from_sql, _sep, condition = from_sql.partition(" WHERE ")
    query = (
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(exprs)} FROM {table} s, {from_sql}"
        f" WHERE s.id = {int(seed_id)}" + (f" AND {condition}" if condition else "") + " RETURNING id"
    )
    cr.execute(query.replace("%", "%%").replace("%%s", "%s"), params)
    return [r[0] for r in cr.fetchall()]


def generate(env, products, vehicles, applications):
    """The bench catalogue, in SQL. Returns (base vehicle ids, template ids)."""
    cr = env.cr
    company = env.ref("base.main_company")
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    seed = env["product.template"].create(
        {"name": "Seed", "default_code": "SEED", "is_storable": True, "available_in_pos": True, "sale_ok": True}
    )
    env["stock.quant"]._update_available_quantity(seed.product_variant_id, warehouse.lot_stock_id, 5)
    env.flush_all()
    cr.execute("SELECT id FROM stock_quant WHERE product_id = %s", [seed.product_variant_id.id])
    seed_quant = cr.fetchone()[0]

    # makes, models (25 years each), base vehicles, engines, vehicle configurations
    n_models = max(1, vehicles * 2 // 3 // 25)
    brand_ids = [env["fleet.vehicle.model.brand"].create({"name": name}).id for name in MAKES]
    model_ids = (
        env["fleet.vehicle.model"]
        .create([{"name": f"Modelo {i}", "brand_id": brand_ids[i % len(brand_ids)]} for i in range(n_models)])
        .ids
    )
    engine_ids = (
        env["fitment.engine"]
        .create([{"displacement_l": 1.0 + i / 10, "cylinders": 4, "engine_code": f"B{i}"} for i in range(40)])
        .ids
    )
    env.flush_all()
    cr.execute(
        """
        INSERT INTO fitment_base_vehicle (name, year, model_id, make_id, vcdb_id, create_uid, create_date,
                                          write_uid, write_date)
        SELECT y || ' ' || b.name || ' ' || m.name, y, m.id, m.brand_id, NULL, 1, now(), 1, now()
          FROM fleet_vehicle_model m JOIN fleet_vehicle_model_brand b ON b.id = m.brand_id,
               generate_series(2000, 2024) y
         WHERE m.id = ANY(%s)
        RETURNING id
        """,
        [model_ids],
    )
    base_ids = [r[0] for r in cr.fetchall()]
    cr.execute("UPDATE fitment_base_vehicle SET vcdb_id = id + 10000000 WHERE id = ANY(%s)", [base_ids])
    cr.execute(
        """
        INSERT INTO fitment_vehicle (name, base_vehicle_id, year, make_id, model_id, engine_id, active,
                                     create_uid, create_date, write_uid, write_date)
        SELECT b.name, b.id, b.year, b.make_id, b.model_id, (%(engines)s)[1 + (b.id + k) %% 40], TRUE,
               1, now(), 1, now()
          FROM fitment_base_vehicle b, generate_series(1, 2) k
         WHERE b.id = ANY(%(bases)s) AND (k = 1 OR b.id %% 2 = 0)
        """,
        {"engines": engine_ids, "bases": base_ids},
    )
    print(f"  {len(base_ids):,} base vehicles, {cr.rowcount:,} vehicle configurations", flush=True)

    # parts: templates, variants, stock for 60% of them
    template_ids = timed(
        f"{products:,} products",
        lambda: copy_from_seed(
            cr,
            "product_template",
            seed.id,
            "generate_series(1, %s) t(g)",
            {"name": "jsonb_build_object('en_US', 'Refacción ' || lpad(t.g::text, 6, '0'))"},
            [products],
        ),
    )
    copy_from_seed(
        cr,
        "product_product",
        seed.product_variant_id.id,
        "unnest(%s::int[]) t(id)",
        {"product_tmpl_id": "t.id", "default_code": "'BN-' || t.id"},
        [template_ids],
    )
    copy_from_seed(
        cr,
        "stock_quant",
        seed_quant,
        "product_product t WHERE t.product_tmpl_id = ANY(%s) AND t.id % 5 < 3",
        {"product_id": "t.id", "quantity": "1 + t.id % 7"},
        [template_ids],
    )
    print(f"  {cr.rowcount:,} stock quants", flush=True)

    # applications: random part x random base vehicle, 2% AI suggestions pending
    def insert_applications():
        cr.execute(
            """
            CREATE TEMP TABLE bench_parts AS SELECT (row_number() OVER ())::int AS n, id FROM unnest(%s::int[]) id;
            CREATE TEMP TABLE bench_bases AS SELECT (row_number() OVER ())::int AS n, id FROM unnest(%s::int[]) id;
            CREATE UNIQUE INDEX ON bench_parts (n);
            CREATE UNIQUE INDEX ON bench_bases (n);
            """,
            [template_ids, base_ids],
        )
        cr.execute(
            """
            INSERT INTO fitment_application (product_tmpl_id, base_vehicle_id, year, position,
                                             quantity, source, state, confidence, create_uid, create_date,
                                             write_uid, write_date)
            SELECT p.id, b.id, b.year, (ARRAY['front', 'rear', NULL])[1 + r.g %% 3], 1,
                   CASE WHEN r.g %% 50 = 0 THEN 'ai' ELSE 'manual' END,
                   CASE WHEN r.g %% 50 = 0 THEN 'pending' ELSE 'approved' END, 0, 1, now(), 1, now()
              FROM (SELECT g, 1 + floor(random() * %(n_parts)s)::int AS pn,
                           1 + ((g::bigint * 7919) %% %(n_bases)s)::int AS bn
                      FROM generate_series(1, %(count)s) g) r
              JOIN bench_parts p ON p.n = r.pn
              JOIN bench_bases bb ON bb.n = r.bn
              JOIN fitment_base_vehicle b ON b.id = bb.id
            """,
            {"count": applications, "n_parts": len(template_ids), "n_bases": len(base_ids)},
        )

    timed(f"{applications:,} applications", insert_applications)
    timed("ANALYZE", lambda: cr.execute("ANALYZE"))
    cr.commit()
    return base_ids, template_ids


def percentiles(samples):
    samples = sorted(samples)
    p50 = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return p50 * 1000, p95 * 1000


class CpuClock:
    """CPU time of this process plus of its PostgreSQL backend (/proc/<pid>/schedstat, ns).

    On a shared machine wall-clock figures include the time spent waiting for a CPU; the CPU time
    is the work done, what the wall-clock time would be on an idle machine.
    """

    def __init__(self, cr):
        cr.execute("SELECT pg_backend_pid()")
        self.path = Path(f"/proc/{cr.fetchone()[0]}/schedstat")

    def __call__(self):
        try:
            backend = int(self.path.read_text().split()[0]) / 1e9
        except OSError:  # PostgreSQL on another host: the backend's share is not counted
            backend = 0.0
        return time.process_time() + backend


def measure(env, label, function, arguments):
    clock = CpuClock(env.cr)
    function(arguments[0])  # warm-up
    samples, cpu_samples = [], []
    for argument in arguments:
        env.invalidate_all()
        started, cpu_started = time.perf_counter(), clock()
        function(argument)
        samples.append(time.perf_counter() - started)
        cpu_samples.append(clock() - cpu_started)
    p50, p95 = percentiles(samples)
    cpu50, cpu95 = percentiles(cpu_samples)
    print(
        f"  {label:<58} n={len(samples):<4} wall p50 {p50:8.2f} p95 {p95:8.2f} ms"
        f" | CPU p50 {cpu50:8.2f} p95 {cpu95:8.2f} ms",
        flush=True,
    )
    return (p50, p95), (cpu50, cpu95)


def random_vins(rng, count):
    vins = []
    while len(vins) < count:
        make = rng.choice(list(VIN_PREFIXES))
        body = VIN_PREFIXES[make] + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(3))
        body += "A" + rng.choice("ABCDEFGH0123456789")  # position 7 a letter: 2010-2039 cycle
        year = YEAR_CODES[rng.randrange(0, 15)]  # 2010-2024
        draft = body + "0" + year + "M" + f"{rng.randrange(0, 999999):06d}"
        vins.append(draft[:8] + vin_lib.check_digit(draft) + draft[9:])
    return vins


def bench(env, base_ids, template_ids, samples, naive_samples):
    rng = random.Random(7)
    Vehicle = env["fitment.vehicle"]
    Product = env["product.product"]
    vehicle_ids = Vehicle.search([("base_vehicle_id", "in", base_ids)]).ids
    vehicles = [rng.choice(vehicle_ids) for _ in range(samples)]
    print("\nvehicle -> fitting in-stock parts (first page of 40)")
    if hasattr(Product, "fitment_parts_for_vehicle"):
        label = "product.product.fitment_parts_for_vehicle(in_stock_only)"
        fast = measure(
            env, label, lambda v: Product.fitment_parts_for_vehicle(v, limit=40, in_stock_only=True), vehicles
        )
    else:
        label = "fitment.vehicle.fitting_parts(in_stock=True)"
        fast = measure(env, label, lambda v: Vehicle.browse(v).fitting_parts(limit=40, in_stock=True), vehicles)
    config = env["pos.config"].create({"name": "Bench POS"})  # rolled back with the rest of the run
    measure(
        env,
        "POS: fitment.vehicle.pos_fitting_parts (all, stock per wh)",
        lambda v: Vehicle.pos_fitting_parts(v, config.id),
        vehicles,
    )
    Template = env["product.template"]

    def naive(vehicle_id, in_stock=True):
        base = Vehicle.browse(vehicle_id).base_vehicle_id.id
        domain = [
            ("fitment_application_ids.base_vehicle_id", "=", base),
            ("fitment_application_ids.state", "=", "approved"),
        ]
        if in_stock:
            domain.append(("qty_available", ">", 0))
        return Template.search(domain, limit=40).read(["name"])

    slow = measure(env, "naive ORM search (application domain + qty_available > 0)", naive, vehicles[:naive_samples])
    slow_no_stock = measure(
        env, "naive ORM search, without the stock condition", lambda v: naive(v, False), vehicles[:naive_samples]
    )
    print(
        f"  ratio p95 naive / addon: wall {slow[0][1] / fast[0][1]:.0f}x, CPU {slow[1][1] / fast[1][1]:.0f}x"
        f" (without the stock condition: wall {slow_no_stock[0][1] / fast[0][1]:.1f}x,"
        f" CPU {slow_no_stock[1][1] / fast[1][1]:.1f}x)"
    )

    print("\npart -> vehicles")
    parts = [rng.choice(template_ids) for _ in range(samples)]
    measure(
        env,
        "product.template.fitment_application_ids -> base vehicle names",
        lambda t: (
            Template.browse(t)
            .fitment_application_ids.filtered(lambda a: a.state == "approved")
            .base_vehicle_id.mapped("name")
        ),
        parts,
    )

    print("\nVIN -> parts")
    vins = random_vins(rng, samples)
    measure(env, "fitment.vehicle.api_parts_by_vin (offline decode)", lambda v: Vehicle.api_parts_by_vin(v), vins)
    return fast, slow


def resident_mb(field):
    """VmRSS (now) or VmHWM (peak) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def bench_import(env, template_ids, base_ids, count, unknown_share=0.0):
    rng = random.Random(3)
    env.cr.execute("SELECT id, vcdb_id FROM fitment_base_vehicle WHERE id = ANY(%s)", [base_ids])
    vcdb = [v for _id, v in env.cr.fetchall()]
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<ACES version="4.2">\n')
        handle.write("<Header><SubmissionType>FULL</SubmissionType></Header>\n")
        for i in range(count):
            # a supplier's catalogue lists parts the shop does not carry: reported as unmatched
            part = f"XX-{i}" if rng.random() < unknown_share else f"BN-{rng.choice(template_ids)}"
            handle.write(
                f'<App action="A" id="{i + 1}"><BaseVehicle id="{rng.choice(vcdb)}"/><Qty>1</Qty>'
                f'<PartType id="1684"/><Position id="22"/><Part>{part}</Part></App>\n'
            )
        handle.write(f"<Footer><RecordCount>{count}</RecordCount></Footer>\n</ACES>\n")
        path = handle.name
    size = Path(path).stat().st_size
    print(f"\nACES import: {count:,} applications ({unknown_share:.0%} of unknown parts), {size / 1e6:.1f} MB")
    clock = CpuClock(env.cr)
    rss_before = resident_mb("VmRSS")
    try:
        cpu_started = clock()
        report = env["fitment.importer"].import_path(path)
        cpu = clock() - cpu_started
        print(
            f"  memory of this process: {rss_before:.0f} MB before the import, peak {resident_mb('VmHWM'):.0f} MB"
            f" (the file is streamed, never loaded whole)"
        )
        # the same file again (idempotent re-import: every application already there, unchanged)
        cpu_started = clock()
        again = env["fitment.importer"].import_path(path)
        cpu_again = clock() - cpu_started
    finally:
        os.unlink(path)
        env.cr.rollback()
    rate, cpu_rate = report["read"] / report["seconds"], report["read"] / cpu
    print(
        f"  {report['created']:,} created, {report['unmatched_count']:,} unmatched in {report['seconds']:.1f} s:"
        f" {rate:,.0f} applications/s wall"
    )
    print(f"  CPU time (this process + its PostgreSQL backend) {cpu:.1f} s: {cpu_rate:,.0f} applications/s")
    print(
        f"  re-import: {again['unchanged']:,} unchanged in {again['seconds']:.1f} s:"
        f" {again['read'] / again['seconds']:,.0f} applications/s wall,"
        f" {again['read'] / cpu_again:,.0f} applications/s CPU"
    )
    return rate, cpu_rate


def till(db, vehicle_ids, barrier, results):
    """One till in its own process (own registry, own connection), as an Odoo worker serves it."""
    from odoo import api
    from odoo.modules.registry import Registry

    configure_odoo()
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        Product = env["product.product"]
        Product.fitment_parts_for_vehicle(vehicle_ids[0], limit=40, in_stock_only=True)  # warm-up
        barrier.wait()
        samples = []
        for vehicle_id in vehicle_ids:
            env.invalidate_all()
            started = time.perf_counter()
            Product.fitment_parts_for_vehicle(vehicle_id, limit=40, in_stock_only=True)
            samples.append(time.perf_counter() - started)
        cr.rollback()
    results.put(samples)


def bench_tills(db, vehicle_ids, tills, samples):
    """vehicle -> parts with `tills` processes asking at the same time, back to back."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(tills), context.Queue()
    rng = random.Random(11)
    workers = [
        context.Process(target=till, args=(db, [rng.choice(vehicle_ids) for _ in range(samples)], barrier, results))
        for _i in range(tills)
    ]
    for worker in workers:
        worker.start()
    timings = [t for _worker in workers for t in results.get(timeout=600)]
    for worker in workers:
        worker.join()
    p50, p95 = percentiles(timings)
    print(
        f"  {tills} tills at once, back to back ({len(timings)} queries):"
        f" wall p50 {p50:.2f} p95 {p95:.2f} ms on {os.cpu_count()} CPUs",
        flush=True,
    )
    return p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-db", required=True, help="a database with autoparts_fitment installed")
    parser.add_argument("--db", default="fit_bench", help="bench database (dropped and re-created)")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--vehicles", type=int, default=30_000)
    parser.add_argument("--applications", type=int, default=2_000_000)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--naive-samples", type=int, default=30)
    parser.add_argument("--aces", type=int, default=200_000, help="applications in the generated ACES file")
    parser.add_argument("--unknown-parts", type=float, default=0.0, help="share of unknown parts in the file (0-1)")
    parser.add_argument("--reuse", action="store_true", help="reuse --db as generated by a previous run")
    parser.add_argument("--import-only", action="store_true", help="measure the ACES import only")
    parser.add_argument(
        "--tills", type=int, nargs="*", default=[], help="also measure vehicle -> parts with N tills at once"
    )
    args = parser.parse_args()

    from odoo import api
    from odoo.modules.registry import Registry

    configure_odoo()
    if not args.reuse:
        print(f"bench database {args.db} from {args.source_db}")
        timed("copy", lambda: create_bench_db(args.source_db, args.db))
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        if args.reuse:
            cr.execute("SELECT id FROM fitment_base_vehicle WHERE vcdb_id > 10000000")
            base_ids = [r[0] for r in cr.fetchall()]
            cr.execute("SELECT product_tmpl_id FROM product_product WHERE default_code LIKE 'BN-%%'")
            template_ids = [r[0] for r in cr.fetchall()]
        else:
            print("generating")
            base_ids, template_ids = generate(env, args.products, args.vehicles, args.applications)
        # the indexes the addon's current code declares (the source database may predate them)
        registry.init_models(cr, ["product.template", "product.product", "fitment.application"], {}, install=False)
        cr.execute("ANALYZE product_template")
        print(f"load average before measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        cr.execute("SELECT count(*) FROM fitment_application")
        print(f"catalogue: {len(template_ids):,} bench parts, {cr.fetchone()[0]:,} applications")
        if not args.import_only:
            fast, slow = bench(env, base_ids, template_ids, args.samples, args.naive_samples)
        rate = bench_import(env, template_ids, base_ids, args.aces, args.unknown_parts)
        cr.rollback()
        vehicle_ids = env["fitment.vehicle"].search([("base_vehicle_id", "in", base_ids)]).ids
    if args.tills:
        print("\nvehicle -> fitting in-stock parts, several tills at once (one process each)")
    for tills in args.tills:
        bench_tills(args.db, vehicle_ids, tills, args.samples)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures are wall-clock)")
    print("\nsummary")
    for kind, index in (("wall", 0), ("CPU", 1)):
        if args.import_only:
            verdict = "OK" if rate[index] >= 10_000 else "MISSED"
            print(f"  [{kind}] ACES import {rate[index]:,.0f} applications/s (target >= 10,000): {verdict}")
            continue
        p95, naive95 = fast[index][1], slow[index][1]
        verdict = "OK" if p95 <= 15 else "MISSED"
        print(f"  [{kind}] vehicle -> in-stock parts p95 {p95:.2f} ms (target <= 15): {verdict}")
        ratio = naive95 / p95
        verdict = "OK" if ratio >= 10 else "MISSED"
        print(f"  [{kind}] naive ORM p95 {naive95:.1f} ms, {ratio:.0f}x slower (target >= 10x): {verdict}")
        verdict = "OK" if rate[index] >= 10_000 else "MISSED"
        print(f"  [{kind}] ACES import {rate[index]:,.0f} applications/s (target >= 10,000): {verdict}")


if __name__ == "__main__":
    main()
