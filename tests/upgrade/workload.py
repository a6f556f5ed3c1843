"""Upgrade test workload: what a shop has after a month of work (run via `odoo shell` on the demo database).

    odoo_run shell -d <db> --no-http < tests/upgrade/workload.py

Runs with the code of the *previous* release, on the demo database made as `scripts/run.sh` makes it
("Refaccionaria Demo" with its POS "Mostrador", "Bar Demo" with its POS "Barra"). Everything goes through
the suite's real entry points, as the administrator (a POS manager with every suite group), never by
writing rows directly:

- counter (Mostrador): four weekly sessions opened and closed; tickets synced with `pos.order.sync_from_ui`
  as the POS sends them (dated over the past month): cash, card, wallet top-ups and wallet payments, a
  refund back to the wallet, store credit (fiado) within the limit, over it with the manager's PIN
  (`pos.config.wallet_fiado_approve`) and paid off at the till; warrantied parts;
- CFDI: tickets invoiced at the counter, the factura global made at each session close, a global credit
  note for a late refund, stamped by the cron's method on the demo PAC; one invoice's CFDI cancelled with
  the cancellation wizard; a PPD workshop invoice and its payment complement;
- bar (Barra): drinks sold, QR tickets issued, delivered at the bar stations by the bar tablet user with
  the bartender's PIN (`pos.ticket._bar_scan` / `_bar_deliver`, what `/bar_delivery/*` calls): lines fully
  and partly delivered, one ticket untouched, one refused over-delivery;
- warranty claims in every state (open, received, approved, rejected, resolved by replacement, refund at
  the POS, refund by credit note, wallet credit and repair, closed, cancelled) through the claim actions;
- service orders moved through their stages (one delivered and billed), so the stage history has rows;
- fleet maintenance: odometer readings, a plan per vehicle, the daily due check, the batch wizard.

Identifiers the POS would generate at random (order, line and payment uuids) are derived from fixed names,
and dates from today at fixed hours, so two runs on clones of one database the same day give the same
snapshot (except what the server itself stamps with the clock: CFDI UUIDs, QR tokens, ...).
Ends with a one-line summary, a commit and the line "WORKLOAD DONE".
"""

import uuid
from datetime import datetime, time, timedelta

from odoo import Command, fields

NAMESPACE = uuid.UUID("5f0c8d1e-7a51-4c8e-9d0b-2f6b1c3e4a57")
COUNTED = {  # what the summary line counts (rows created by the workload)
    "pos sessions": "pos.session",
    "pos orders": "pos.order",
    "wallet movements": "wallet.transaction",
    "journal entries": "account.move",
    "cfdi": "mx.cfdi.document",
    "qr tickets": "pos.ticket",
    "bar log": "bar.delivery.log",
    "warranties": "warranty.warranty",
    "claims": "warranty.claim",
    "service orders": "service.order",
    "stage history": "service.order.stage.history",
    "maintenance plans": "fleet.maintenance.plan",
    "maintenance items": "fleet.maintenance.item",
    "odometer readings": "fleet.vehicle.odometer",
}
ADMIN_PIN = "1234"  # the administrator's store-credit approval PIN (wallet_loyalty demo data)


def uid(*parts):
    """A stable uuid for the POS-generated identifiers (orders, lines, payments)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def day(days_ago, hour=12, minute=0):
    """A datetime (UTC, naive as Odoo stores it) `days_ago` days before today at a fixed hour."""
    return datetime.combine(fields.Date.today() - timedelta(days=days_ago), time(hour, minute))


def new_request(env):
    """What a new RPC starts with: pending writes flushed, the record cache empty (each POS sync, session
    close or button click is its own request; in one transaction computed fields would stay cached)."""
    env.invalidate_all()


def check(condition, message):
    if not condition:
        raise AssertionError(f"workload: {message}")


class Till:
    """One POS config driven as the POS client drives it: open, sync orders, close."""

    def __init__(self, env, config):
        self.env = env(context=dict(env.context, allowed_company_ids=config.company_id.ids))
        self.config = config.with_env(self.env)
        self.company = config.company_id
        self.session = self.env["pos.session"]

    def method(self, kind):
        methods = self.config.payment_method_ids
        found = {
            "cash": methods.filtered(lambda m: m.type == "cash"),
            "card": methods.filtered(lambda m: m.type == "bank" and not m.is_wallet),
            "wallet": methods.filtered("is_wallet"),
            "fiado": methods.filtered(lambda m: m.type == "pay_later"),
        }[kind][:1]
        check(found, f"{self.config.name} has no {kind} payment method")
        return found

    def open(self):
        new_request(self.env)
        check(not self.config.current_session_id, f"{self.config.name} already has an open session")
        self.config.open_ui()
        self.session = self.config.current_session_id
        # the cashier confirms the cash the last closing left in the drawer
        self.session.set_opening_control(self.session.cash_register_balance_start, "")
        check(self.session.state == "opened", f"session of {self.config.name} not opened")
        return self.session

    def close(self):
        new_request(self.env)
        session = self.session
        result = session.post_closing_cash_details(session.cash_register_balance_end)
        check(result.get("successful"), f"cash details of {session.name}: {result}")
        session.update_closing_control_state_session("")
        result = session.close_session_from_ui()
        check(result.get("successful"), f"closing {session.name}: {result}")
        check(session.state == "closed", f"{session.name} is {session.state}")
        self.session = self.env["pos.session"]
        return session

    def line(self, key, product, qty, price=None, refund_of=None):
        taxes = product.taxes_id.filtered(lambda t: t.company_id == self.company)
        price = product.lst_price if price is None else price
        amounts = taxes.compute_all(price, self.company.currency_id, qty, product=product)
        vals = {
            "product_id": product.id,
            "qty": qty,
            "price_unit": price,
            "price_subtotal": amounts["total_excluded"],
            "price_subtotal_incl": amounts["total_included"],
            "tax_ids": [Command.set(taxes.ids)],
            "uuid": uid(key, "line", product.id, qty),
        }
        if refund_of:
            vals["refunded_orderline_id"] = refund_of.id
        return vals

    def data(self, key, lines, payments, partner=None, when=None, invoice=False):
        """`lines`: (product, qty[, price[, refunded line]]); `payments`: (kind, amount), None = what is left."""
        line_vals = [self.line(key, *spec) for spec in lines]
        total = self.company.currency_id.round(sum(v["price_subtotal_incl"] for v in line_vals))
        untaxed = sum(v["price_subtotal"] for v in line_vals)
        when = fields.Datetime.to_string(when or fields.Datetime.now())
        rest = total - sum(amount for _kind, amount in payments if amount is not None)
        payment_vals = [
            {
                "amount": rest if amount is None else amount,
                "payment_method_id": self.method(kind).id,
                "payment_date": when,
                "uuid": uid(key, "payment", n),
            }
            for n, (kind, amount) in enumerate(payments)
        ]
        order_uuid = uid(key)
        return {
            "uuid": order_uuid,
            "access_token": uid(key, "token"),
            "name": f"Order {order_uuid}",
            "session_id": self.session.id,
            "user_id": self.env.uid,
            "partner_id": partner.id if partner else False,
            "pricelist_id": self.config.pricelist_id.id,
            "date_order": when,
            "lines": [Command.create(v) for v in line_vals],
            "payment_ids": [Command.create(v) for v in payment_vals],
            "amount_total": total,
            "amount_tax": total - untaxed,
            "amount_paid": sum(v["amount"] for v in payment_vals),
            "amount_return": 0,
            "to_invoice": invoice,
            "state": "paid",
            "last_order_preparation_change": "{}",
        }

    def sync(self, data):
        new_request(self.env)
        self.env["pos.order"].sync_from_ui([data])
        order = self.env["pos.order"].search([("uuid", "=", data["uuid"])])
        check(order.state in ("paid", "done"), f"order {data['uuid']} is {order.state or 'missing'}")
        return order

    def sell(self, key, lines, payments=(("cash", None),), **kwargs):
        return self.sync(self.data(key, lines, payments, **kwargs))


class Workload:
    def __init__(self, root_env):
        admin = root_env.ref("base.user_admin")
        self.env = root_env(user=admin, su=False, context={"lang": admin.lang, "tz": admin.tz or "America/Mexico_City"})
        self.main = self.env.ref("base.main_company")
        self.bar = self.env.ref("pos_tickets_qr.bar_demo_company")
        self.ref = self.env.ref
        self.counter = Till(self.env, self._config(self.main, "Mostrador"))
        self.barra = Till(self.env, self._config(self.bar, "Barra"))
        self.orders = {}  # key -> pos.order

    def _config(self, company, name):
        config = self.env["pos.config"].search([("company_id", "=", company.id), ("name", "=", name)])
        check(len(config) == 1, f"POS {name!r} of {company.name}")
        return config

    def product(self, code):
        product = self.env["product.product"].search([("default_code", "=", code)], limit=1)
        check(product, f"product {code}")
        return product

    def customers(self):
        """The demo customers, and two with the fiscal data a named CFDI needs (entered in the back office)."""
        env = self.env
        mx = self.ref("base.mx")
        regimen = self.ref("mx_cfdi.regimen_601")
        self.lucia = self.ref("wallet_loyalty.partner_wallet_demo_2")
        self.taller = self.ref("wallet_loyalty.partner_wallet_demo_1")
        self.chuy = self.ref("wallet_loyalty.partner_fiado_demo")
        self.fleet_customer = self.ref("fleet_maintenance.demo_fleet_customer")
        self.invoiced = env["res.partner"].create(
            {
                "name": "Refacciones Robótica del Sureste",
                "is_company": True,
                "country_id": mx.id,
                "vat": "URE180429TM6",
                "zip": "86991",
                "mx_cfdi_sat_name": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
                "mx_cfdi_regimen_id": regimen.id,
                "mx_cfdi_uso_id": self.ref("mx_cfdi.uso_G01").id,
            }
        )
        self.fleet_customer.write(
            {
                "country_id": mx.id,
                "vat": "XIA190128J61",
                "zip": "76000",
                "mx_cfdi_sat_name": "XENON INDUSTRIAL ARTICLES",
                "mx_cfdi_regimen_id": regimen.id,
            }
        )

    # ------------------------------------------------------------------ counter
    def counter_weeks(self):
        """Three weekly sessions at the counter: cash, card, wallet, fiado, invoices, warrantied parts."""
        pos = self.counter
        balatas, filtro, bujia = self.product("BAL-NIS-101"), self.product("FIL-AC-101"), self.product("BUJ-101")
        amort, banda = self.product("AMO-101"), self.product("BAN-101")
        alternador, marcha = self.product("ALT-90A"), self.product("MAR-12V")
        bomba, bateria = self.product("BA-100"), self.product("BAT-42")
        topup = self.ref("wallet_loyalty.product_wallet_topup")
        o = self.orders

        # week 1
        pos.open()
        o["w1-cash"] = pos.sell("w1-cash", [(balatas, 1), (filtro, 2)], when=day(28, 15))
        o["w1-card"] = pos.sell("w1-card", [(amort, 2)], [("card", None)], when=day(28, 17))
        o["w1-topup-lucia"] = pos.sell("w1-topup-lucia", [(topup, 1, 1000.0)], partner=self.lucia, when=day(27, 11))
        o["w1-topup-taller"] = pos.sell(
            "w1-topup-taller", [(topup, 1, 2500.0)], [("card", None)], partner=self.taller, when=day(27, 12)
        )
        o["w1-wallet-lucia"] = pos.sell(
            "w1-wallet-lucia", [(bujia, 4), (filtro, 1)], [("wallet", None)], partner=self.lucia, when=day(27, 18)
        )
        o["w1-fiado"] = pos.sell("w1-fiado", [(balatas, 2)], [("fiado", None)], partner=self.chuy, when=day(26, 10))
        o["w1-taller-parts"] = pos.sell(
            "w1-taller-parts", [(bomba, 2), (marcha, 1), (bateria, 1)], partner=self.taller, when=day(26, 13)
        )
        o["w1-invoice"] = pos.sell(
            "w1-invoice", [(banda, 3)], [("card", None)], partner=self.invoiced, when=day(26, 16), invoice=True
        )
        pos.close()

        # week 2: a sale over the credit limit, approved with the manager's PIN
        pos.open()
        o["w2-cash"] = pos.sell("w2-cash", [(filtro, 3), (bujia, 8)], when=day(21, 10))
        o["w2-wallet-taller"] = pos.sell(
            "w2-wallet-taller",
            [(amort, 1), (balatas, 1)],
            [("wallet", 1000.0), ("cash", None)],
            partner=self.taller,
            when=day(21, 12),
        )
        data = pos.data("w2-fiado-over", [(amort, 2)], [("fiado", None)], partner=self.chuy, when=day(20, 11))
        approval = pos.config.wallet_fiado_approve(self.chuy.id, data["amount_total"], data["uuid"], ADMIN_PIN)
        check(approval.get("approved"), f"store credit approval refused: {approval}")
        o["w2-fiado-over"] = pos.sync(data)
        o["w2-taller-alt"] = pos.sell("w2-taller-alt", [(alternador, 1)], partner=self.taller, when=day(20, 15))
        o["w2-invoice-parts"] = pos.sell(
            "w2-invoice-parts",
            [(alternador, 2), (bateria, 1)],
            [("card", None)],
            partner=self.invoiced,
            when=day(19, 12),
            invoice=True,
        )
        pos.close()

        # week 3: a refund back to the wallet, the fiado partly paid off at the till, invoices
        pos.open()
        sold = o["w1-wallet-lucia"].lines.filtered(lambda line: line.product_id == bujia)
        refund = pos.data(
            "w3-refund-lucia",
            [(bujia, -2, bujia.lst_price, sold)],
            [("wallet", None)],
            partner=self.lucia,
            when=day(14, 11),
        )
        refund["is_refund"] = True
        o["w3-refund-lucia"] = pos.sync(refund)
        o["w3-fiado-payoff"] = pos.sell(  # Odoo's Customer Account settlement: cash in, customer account out
            "w3-fiado-payoff", [], [("cash", 1500.0), ("fiado", -1500.0)], partner=self.chuy, when=day(13, 10)
        )
        o["w3-cash"] = pos.sell("w3-cash", [(balatas, 2), (banda, 1)], when=day(13, 17))
        o["w3-invoice-starter"] = pos.sell(
            "w3-invoice-starter",
            [(marcha, 1), (bomba, 1)],
            [("card", None)],
            partner=self.invoiced,
            when=day(12, 12),
            invoice=True,
        )
        o["w3-invoice-cancel"] = pos.sell(
            "w3-invoice-cancel", [(filtro, 5)], partner=self.invoiced, when=day(12, 16), invoice=True
        )
        pos.close()

    def cfdi(self):
        """Stamp the queue (as the cron does) and cancel one invoice's CFDI with the cancellation wizard."""
        Document = self.env["mx.cfdi.document"]
        Document.sudo()._cron_process()  # sudo: the cron runs as root
        pending = Document.search([("state", "in", ("to_stamp", "error"))])
        check(not pending, f"CFDI not stamped: {[(d.name, d.state, d.last_error) for d in pending]}")
        invoice = self.orders["w3-invoice-cancel"].account_move
        document = invoice._mx_cfdi_document()
        check(document.state == "stamped", f"CFDI of {invoice.name} is {document.state}")
        wizard = self.env["mx.cfdi.cancel.wizard"].create({"document_id": document.id, "motivo": "02"})
        wizard.action_confirm()
        Document.sudo()._cron_process()
        check(document.state == "cancelled", f"cancellation of {document.name}: {document.state}")

    # ------------------------------------------------------------------ bar
    def bar_nights(self):
        """Two nights at Barra: drinks with QR tickets, delivered at the stations by the bar tablet."""
        pos = self.barra
        beer, dark = self.ref("pos_tickets_qr.product_beer_lager"), self.ref("pos_tickets_qr.product_beer_dark")
        margarita, paloma = self.ref("pos_tickets_qr.product_margarita"), self.ref("pos_tickets_qr.product_paloma")
        nachos = self.ref("pos_tickets_qr.product_nachos")
        topup = self.ref("wallet_loyalty.product_wallet_topup")
        deliver = self._bar_tablet()
        o = self.orders
        for night, days_ago in ((1, 9), (2, 2)):
            key = f"bar{night}"
            pos.open()
            a = o[f"{key}-a"] = pos.sell(f"{key}-a", [(beer, 3), (margarita, 2)], when=day(days_ago, 23))
            b = o[f"{key}-b"] = pos.sell(
                f"{key}-b", [(paloma, 2), (nachos, 1)], [("card", None)], when=day(days_ago, 23, 20)
            )
            o[f"{key}-c"] = pos.sell(f"{key}-c", [(dark, 1)], when=day(days_ago, 23, 40))  # never served
            deliver(a, "terrace", {beer: 3})  # the beers in full
            deliver(a, "main", {margarita: 1})  # one margarita of two: partial
            deliver(a, "main", {margarita: 5}, expect="over_quantity")  # refused, logged
            deliver(b, "main", None)  # "Deliver all": the nachos have no ticket line
            if night == 2:
                o["bar2-topup"] = pos.sell("bar2-topup", [(topup, 1, 500.0)], partner=self.lucia, when=day(2, 22))
                wallet = o["bar2-wallet"] = pos.sell(
                    "bar2-wallet", [(margarita, 1), (beer, 2)], [("wallet", None)], partner=self.lucia, when=day(2, 22)
                )
                deliver(wallet, "main", {beer: 1})
            pos.close()

    def _bar_tablet(self):
        """The bar tablet (user `barra`) as the bartender screen: scan, then deliver with the bartender's PIN."""
        tablet = self.env(user=self.ref("bar_delivery.user_bar_tablet"))
        client = {"ip": "127.0.0.1", "user_agent": "upgrade-workload"}
        stations = {}
        for name, station_xmlid, employee_xmlid, pin in (
            ("main", "bar_delivery.bar_station_main", "bar_delivery.employee_bartender_ana", "1111"),
            ("terrace", "bar_delivery.bar_station_terrace", "bar_delivery.employee_bartender_luis", "2222"),
        ):
            station = tablet["bar.station"].search([("id", "=", self.ref(station_xmlid).id)])
            # sudo: as the controller, the device user compares PINs it cannot read
            employee = tablet["hr.employee"].sudo()._bar_check_pin(station, self.ref(employee_xmlid).id, pin)
            check(station and employee, f"bartender {employee_xmlid} refused at {station_xmlid}")
            stations[name] = station, employee

        def deliver(order, station_name, products, expect="ok"):
            station, employee = stations[station_name]
            payload = order.qr_ticket_payload
            check(payload, f"order {order.name} has no QR ticket")
            scan = tablet["pos.ticket"]._bar_scan(payload, station, employee, client)
            check(scan["status"] == "ok", f"scan of {order.name}: {scan['status']}")
            lines = tablet["pos.ticket"].browse(scan["ticket"]["id"]).line_ids
            quantities = None
            if products is not None:
                quantities = {lines.filtered(lambda li, p=p: li.product_id == p).id: q for p, q in products.items()}
            result = tablet["pos.ticket"]._bar_deliver(payload, station, employee, quantities, client)
            check(result["status"] == expect, f"delivery of {order.name}: {result['status']} (expected {expect})")

        return deliver

    # ------------------------------------------------------------------ warranty
    def counter_last_week(self):
        """Week 4: the counter is open while the warranty desk works (a claim refund is paid out at the till)."""
        self.counter.open()
        self.orders["w4-cash"] = self.counter.sell(
            "w4-cash", [(self.product("BUJ-102"), 4), (self.product("FIL-AI-101"), 1)], when=day(3, 12)
        )
        self.warranty_claims()
        refund = self.env["warranty.claim"].search([("refund_pos_order_id", "!=", False)]).refund_pos_order_id
        check(len(refund) == 1 and refund.state == "draft", "the warranty POS refund is not waiting at the till")
        new_request(self.env)
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_id=refund.id, active_ids=refund.ids)
            .create({"payment_method_id": self.counter.method("cash").id, "amount": refund.amount_total})
        )
        payment.check()  # the cashier pays it out (the back-office payment wizard, as the POS does)
        check(refund.state == "paid", f"warranty refund {refund.name} is {refund.state}")
        self.counter.close()

    def warranty_claims(self):
        """A claim in every state and with every resolution, through the claim actions."""

        def reject(claim):
            claim.reject_reason = "Prueba de carga correcta: consumo parásito del vehículo."
            claim.action_reject()

        received = ["action_receive"]
        approved = [*received, "action_approve"]
        claims = [  # (sale, part, failure, what the desk does)
            ("w1-taller-parts", "BA-100", "Fuga por el sello (capturada dos veces).", ["action_cancel"]),
            ("w1-taller-parts", "BA-100", "Fuga de anticongelante por el sello.", []),
            ("w1-taller-parts", "MAR-12V", "No gira con la llave en frío.", received),
            ("w1-taller-parts", "BAT-42", "No retiene la carga.", approved),
            ("w2-taller-alt", "ALT-90A", "Ruido en el rodamiento.", [*approved, "action_refund"]),  # POS refund
            ("w2-invoice-parts", "ALT-90A", "No carga.", [*approved, "action_replace", "action_supplier_claim"]),
            ("w2-invoice-parts", "ALT-90A", "Testigo de carga encendido.", [*approved, "action_wallet_credit"]),
            ("w2-invoice-parts", "BAT-42", "No enciende por las mañanas.", [*received, reject]),
            ("w3-invoice-starter", "MAR-12V", "Se queda pegada.", [*approved, "action_refund"]),  # credit note
            ("w3-invoice-starter", "BA-100", "Ruido en la flecha.", [*approved, "action_repair"]),
        ]
        done = self.env["warranty.claim"]
        for order_key, code, reason, actions in claims:
            warranty = self.orders[order_key].warranty_ids.filtered(lambda w, c=code: w.product_id.default_code == c)
            check(warranty, f"no warranty for {code} sold in {order_key}")
            new_request(self.env)
            claim = self.env["warranty.claim"].create({"warranty_id": warranty[0].id, "reason": reason})
            for action in actions:
                new_request(self.env)
                if callable(action):
                    action(claim)
                else:
                    getattr(claim, action)()
            done |= claim
        done.filtered(lambda c: c.resolution == "replace").action_close()
        states = set(done.mapped("state"))
        all_states = {"draft", "received", "approved", "rejected", "resolved", "closed", "cancelled"}
        check(states == all_states, f"claim states {states}")
        resolutions = set(done.mapped("resolution")) - {False}
        check(resolutions == {"replace", "refund", "wallet", "repair"}, f"resolutions {resolutions}")

    # ------------------------------------------------------------------ workshop and fleet
    def fleet(self):
        """Odometer readings, two plans per vehicle (one already due by date), the daily due check."""
        env = self.env
        vehicles = {v.license_plate: v for v in env["fleet.vehicle"].search([("license_plate", "like", "TRP-10")])}
        check(len(vehicles) == 5, "the five demo fleet vehicles")
        Odometer = env["fleet.vehicle.odometer"]
        for plate, km in (("TRP-101-A", 5000), ("TRP-104-A", 5600), ("TRP-105-A", 4600), ("TRP-103-A", 7400)):
            Odometer.create({"vehicle_id": vehicles[plate].id, "value": km, "date": fields.Date.today()})
        labour = self.ref("service_orders.demo_product_labour")
        Plan = env["fleet.maintenance.plan"]
        tyres = Plan.create(
            {
                "name": "Rotación de llantas",
                "vehicle_id": vehicles["TRP-105-A"].id,
                "interval_months": 3,
                "service_product_id": labour.id,
                "labour_hours": 0.5,
            }
        )
        tyres.item_ids.last_done_date = fields.Date.today() - timedelta(days=120)  # the last one, from the paper log
        coolant = Plan.create(
            {
                "name": "Cambio de anticongelante",
                "vehicle_id": vehicles["TRP-101-A"].id,
                "interval_km": 40000,
                "interval_months": 24,
                "service_product_id": labour.id,
            }
        )
        coolant.item_ids.last_done_date = fields.Date.today() - timedelta(days=725)
        env["fleet.maintenance.item"]._cron_check_due()
        items = env["fleet.maintenance.item"].search([])
        check({"due", "overdue"} <= set(items.mapped("state")), f"due states: {set(items.mapped('state'))}")

    def service_orders(self):
        """Orders created by the fleet batch and at the counter, moved through the stages; one billed."""
        env = self.env
        stage = {s.code: s for s in env["service.order.stage"].search([])}
        wizard = env["fleet.maintenance.batch.wizard"].create({"technician_id": self.env.uid})
        orders = env["service.order"].search(wizard.action_create_orders()["domain"])
        check(len(orders) >= 3, f"batch created {len(orders)} service orders")
        by_plate = {order.vehicle_id.license_plate: order for order in orders}

        def approve(order, who, how="phone"):
            order.action_send_quote()
            order.write({"quote_approved_by": who, "quote_approval_method": how})
            order.action_approve_quote()

        def walk(order, *codes):
            for code in codes:
                new_request(env)
                order.stage_id = stage[code]
                check(order.stage_id.code == code, f"{order.name} went to {order.stage_id.code}, not {code}")

        billed = by_plate["TRP-104-A"]
        billed.checkin_odometer = 5650
        walk(billed, "diagnosis")
        approve(billed, "Laura Méndez")
        walk(billed, "repair", "quality_check", "ready", "delivered")
        billed.action_create_sale_order()
        sale = billed.sale_order_id
        sale.action_confirm()
        invoice = sale._create_invoices()
        invoice.write({"mx_cfdi_metodo_pago": "PPD", "mx_cfdi_uso_id": self.ref("mx_cfdi.uso_G03").id})
        invoice.action_post()
        env["mx.cfdi.document"].sudo()._cron_process()  # sudo: as the cron
        check(invoice._mx_cfdi_document().state == "stamped", f"workshop invoice {invoice.name} not stamped")
        env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        env["mx.cfdi.document"].sudo()._cron_process()  # the payment complement (P)
        self.orders["workshop-invoice"] = invoice

        ready = by_plate["TRP-101-A"]
        walk(ready, "diagnosis")
        approve(ready, "Laura Méndez", "whatsapp")
        walk(ready, "repair", "quality_check", "ready")
        walk(by_plate["TRP-103-A"], "diagnosis")
        by_plate["TRP-103-A"].action_send_quote()

        # the demo order of Juan: checklist answered at reception, then diagnosis, repair, quality check
        juan = self.ref("service_orders.demo_order_received")
        juan.checklist_line_ids.filtered(lambda line: not line.result).write({"result": "ok"})
        walk(juan, "diagnosis")
        approve(juan, "Juan Pérez")
        walk(juan, "repair", "quality_check")
        # a walk-in that the customer called off
        walk_in = env["service.order"].create(
            {
                "vehicle_id": self.ref("service_orders.demo_vehicle_maria").id,
                "complaint": "Revisar ruido en la suspensión.",
                "checkin_odometer": 88400,
                "fuel_level": "half",
            }
        )
        walk_in.action_cancel_order()
        check(walk_in.stage_id.code == "cancelled", "the walk-in order is not cancelled")

    # ------------------------------------------------------------------ run
    def run(self):
        before = self.counts()
        self.customers()
        self.counter_weeks()
        self.cfdi()
        self.bar_nights()
        self.counter_last_week()
        self.fleet()
        self.service_orders()
        self.env["mx.cfdi.document"].sudo()._cron_process()  # the last global invoice and the credit notes
        pending = self.env["mx.cfdi.document"].search([("state", "in", ("to_stamp", "error"))])
        check(not pending, f"CFDI left unstamped: {[(d.name, d.state, d.last_error) for d in pending]}")
        return {label: count - before[label] for label, count in self.counts().items()}

    def counts(self):
        # sudo: a census of what exists, whoever runs it
        return {label: self.env[model].sudo().search_count([]) for label, model in COUNTED.items()}


summary = Workload(env).run()  # noqa: F821 (odoo shell)
print("WORKLOAD SUMMARY", ", ".join(f"{key}: {value}" for key, value in summary.items()))
env.cr.commit()  # noqa: F821
print("WORKLOAD DONE")
