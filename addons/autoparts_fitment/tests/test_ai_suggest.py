import json
import time
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import FakeServer, FitmentCase

KEY = "sk-test-secret-123"
LOGGER = "odoo.addons.autoparts_fitment.models.fitment_ai_job"
ANSWER = """Claro, estos son los vehículos compatibles:
```json
{"vehicles": [
  {"make": "VW", "model": "Jetta", "year_from": 2011, "year_to": 2016, "engine": "2.0L",
   "position": "delantera", "confidence": 0.9, "note": "con ABS"},
  {"make": "NissanT", "model": "Versa", "year": "2015", "confidence": "60%"},
  {"make": "Ford", "model": "Figo", "year": 2018, "confidence": 0.7},
  {"model": "sin marca", "year": 2015}
]}
```"""


def chat_answer(content, status=200, delay=0.0):
    """A handler speaking OpenAI's chat-completions protocol."""

    def answer(method, path, body):
        if delay:
            time.sleep(delay)
        if method != "POST" or path != "/v1/chat/completions":
            return 404, {"error": {"message": "not found"}}
        if status != 200:
            return status, {"error": {"message": "internal error", "type": "server_error"}}
        request = json.loads(body)
        return 200, {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1763690000,
            "model": request["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 50, "completion_tokens": 80, "total_tokens": 130},
        }

    return answer


@tagged("post_install", "-at_install")
class TestAiSuggestions(FitmentCase):
    def _enable(self, url, timeout="2"):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("autoparts_fitment.ai_enabled", "1")
        params.set_param("autoparts_fitment.ai_url", url + "/v1")
        params.set_param("autoparts_fitment.ai_key", KEY)
        params.set_param("autoparts_fitment.ai_model", "test-model")
        params.set_param("autoparts_fitment.ai_timeout", timeout)

    def _new_part(self):
        return self.env["product.template"].create({"name": "Balatas delanteras cerámicas", "default_code": "BC-77"})

    def _jobs(self, template):
        return self.env["fitment.ai.job"].search([("product_tmpl_id", "in", template.ids)])

    def test_off_by_default(self):
        template = self._new_part()
        self.assertFalse(self._jobs(template))

    def test_good_answer_stored_pending(self):
        with FakeServer(chat_answer(ANSWER)) as server:
            self._enable(server.url)
            template = self._new_part()
            job = self._jobs(template)
            self.assertEqual(job.state, "queued")
            self.assertFalse(server.requests, "product creation only queues the request")
            cron = self.env.ref("autoparts_fitment.ir_cron_fitment_ai_suggest")
            self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
            self.env["fitment.ai.job"]._process_queue()
        self.assertEqual(len(server.requests), 1)
        _method, path, body = server.requests[0]
        request = json.loads(body)
        self.assertEqual((path, request["model"]), ("/v1/chat/completions", "test-model"))
        self.assertIn("BC-77", request["messages"][1]["content"])
        self.assertEqual(server.headers[0]["Authorization"], f"Bearer {KEY}")
        apps = self.env["fitment.application"].search([("product_tmpl_id", "=", template.id)])
        self.assertEqual(set(apps.mapped("source")), {"ai"})
        self.assertEqual(set(apps.mapped("state")), {"pending"})
        jetta = apps.filtered(lambda a: a.model_id == self.jetta)
        self.assertEqual(sorted(jetta.mapped("year")), [2011, 2012, 2013, 2014], "only catalogue years")
        self.assertEqual(set(jetta.mapped("confidence")), {0.9})
        self.assertEqual((jetta.engine_id, set(jetta.mapped("position"))), (self.engine_20, {"front"}))
        versa = apps.filtered(lambda a: a.model_id == self.versa)
        self.assertEqual((versa.year, versa.confidence), (2015, 0.6))
        self.assertEqual((job.state, job.suggestion_count, job.unmatched_count), ("done", 5, 1))
        # pending suggestions are not offered at the counter until approved
        self.assertNotIn(template.id, [r["product_tmpl_id"] for r in self.jetta_2011_20.fitting_parts()])

        manager = new_test_user(self.env, "ai_mgr", groups="autoparts_fitment.group_autoparts_fitment_manager")
        clerk = new_test_user(self.env, "ai_clerk", groups="autoparts_fitment.group_autoparts_fitment_clerk")
        with self.assertRaises(AccessError):
            jetta.with_user(clerk).action_approve()
        jetta.with_user(manager).action_approve()
        versa.with_user(manager).action_reject()
        self.assertEqual(set(jetta.mapped("state")), {"approved"})
        self.assertEqual(versa.state, "rejected")
        self.assertIn(template.id, [r["product_tmpl_id"] for r in self.jetta_2011_20.fitting_parts()])

        # the same answer again adds nothing
        with FakeServer(chat_answer(ANSWER)) as server:
            self._enable(server.url)
            job.write({"state": "queued"})
            self.env["fitment.ai.job"]._process_queue()
        self.assertEqual(len(self.env["fitment.application"].search([("product_tmpl_id", "=", template.id)])), 5)

    def test_ask_again_for_existing_parts(self):
        parts = self._new_part() | self.env["product.template"].create({"name": "Amortiguador", "default_code": "AM-1"})
        self.assertFalse(self._jobs(parts), "created while the feature was off")
        manager = new_test_user(self.env, "ai_again_mgr", groups="autoparts_fitment.group_autoparts_fitment_manager")
        clerk = new_test_user(self.env, "ai_again_clerk", groups="autoparts_fitment.group_autoparts_fitment_clerk")
        with self.assertRaisesRegex(UserError, "AI suggestions are off"):
            parts.with_user(manager).action_fitment_ai_suggest()
        server_action = self.env.ref("autoparts_fitment.product_template_action_fitment_ai_suggest")
        with FakeServer(chat_answer(ANSWER)) as server:
            self._enable(server.url)
            with self.assertRaises(AccessError):
                parts.with_user(clerk).action_fitment_ai_suggest()
            action = (
                server_action.with_user(manager)
                .with_context(active_model="product.template", active_ids=parts.ids)
                .run()
            )
            self.assertIn("2 part(s) queued", action["params"]["message"])
            action = parts.with_user(manager).action_fitment_ai_suggest()
            self.assertIn("2 already had a request queued", action["params"]["message"])
            self.assertEqual(len(self._jobs(parts)), 2, "one queued request per part")
            self.assertFalse(server.requests, "the action only queues")
            self.env["fitment.ai.job"]._process_queue()
        self.assertEqual(len(server.requests), 2)
        self.assertEqual(set(self._jobs(parts).mapped("state")), {"done"})
        apps = self.env["fitment.application"].search([("product_tmpl_id", "in", parts.ids)])
        self.assertEqual(set(apps.mapped("product_tmpl_id").ids), set(parts.ids))
        self.assertEqual(set(apps.mapped("state")), {"pending"})

    def _assert_retried_then_failed(self, handler, error_text):
        with FakeServer(handler) as server:
            self._enable(server.url)
            template = self._new_part()
            job = self._jobs(template)
            self.assertTrue(template.exists(), "the product is created whatever the endpoint does")
            with self.assertLogs(LOGGER, "WARNING") as logs:
                for attempt in range(1, 5):
                    job.next_attempt = "2000-01-01 00:00:00"
                    self.env["fitment.ai.job"]._process_queue()
                    self.assertEqual(job.attempts, min(attempt, 3), "bounded retries")
            self.assertEqual(len(server.requests), 3)
        self.assertEqual(job.state, "failed")
        self.assertIn(error_text, job.last_error)
        self.assertFalse(self.env["fitment.application"].search([("product_tmpl_id", "=", template.id)]))
        self.assertTrue(any(error_text in line for line in logs.output))
        self.assertFalse([line for line in logs.output if KEY in line], "the key is never logged")

    def test_bad_json(self):
        self._assert_retried_then_failed(chat_answer("Lo siento, no tengo esa información. {vehicles: ["), "no JSON")

    def test_http_500(self):
        self._assert_retried_then_failed(chat_answer("", status=500), "HTTP 500")

    def test_slow_endpoint_times_out(self):
        # Odoo's test runner raises any requests timeout below 10 s to 10 s: one attempt at that minimum
        with FakeServer(chat_answer(ANSWER, delay=11)) as server:
            self._enable(server.url, timeout="10")
            template = self._new_part()
            job = self._jobs(template)
            started = time.monotonic()
            with self.assertLogs(LOGGER, "WARNING") as logs:
                self.env["fitment.ai.job"]._process_queue()
            self.assertLess(time.monotonic() - started, 10.9, "the request is cut at the timeout")
        self.assertEqual((job.state, job.attempts), ("queued", 1), "retried later")
        self.assertGreater(job.next_attempt, job.create_date)
        self.assertIn("timeout", job.last_error)
        self.assertIn("timeout", logs.output[0])
        self.assertFalse(self.env["fitment.application"].search([("product_tmpl_id", "=", template.id)]))

    def test_not_chat_completions_payload(self):
        def answer(method, path, body):
            return 200, {"result": "ok"}

        self._assert_retried_then_failed(answer, "unexpected chat-completions payload")

    def test_queue_failure_never_fails_product_creation(self):
        self._enable("http://127.0.0.1:9")
        with (
            patch.object(type(self.env["ir.cron"]), "_trigger", side_effect=RuntimeError("boom")),
            self.assertLogs(LOGGER, "ERROR"),
        ):
            template = self._new_part()
        self.assertTrue(template.exists())

    def test_unexpected_crash_is_bounded(self):
        self._enable("http://127.0.0.1:9")
        template = self._new_part()
        job = self._jobs(template)
        with (
            patch.object(type(job), "_run", side_effect=ZeroDivisionError),
            mute_logger(LOGGER),
        ):
            for _attempt in range(4):
                job.next_attempt = "2000-01-01 00:00:00"
                self.env["fitment.ai.job"]._process_queue()
        self.assertEqual((job.state, job.attempts, job.last_error), ("failed", 3, "ZeroDivisionError"))

    def test_key_only_for_administrators(self):
        self.env["ir.config_parameter"].sudo().set_param("autoparts_fitment.ai_key", KEY)
        manager = new_test_user(
            self.env,
            "ai_pos_mgr",
            groups="autoparts_fitment.group_autoparts_fitment_manager,point_of_sale.group_pos_manager",
        )
        self.assertNotIn("fitment_ai_key", self.env["res.config.settings"].with_user(manager).fields_get())
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(manager).get_param("autoparts_fitment.ai_key")
        admin_settings = self.env["res.config.settings"].create({})
        self.assertEqual(admin_settings.fitment_ai_key, KEY)
        self.assertFalse(admin_settings.fitment_ai_enabled, "off by default")
