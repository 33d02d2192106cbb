"""The hand-written OpenAPI document, the app's routes and the server's answers stay in step."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import jsonschema
import pytest
import requests
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from starlette.routing import Route

from refplatform.app import OPENAPI_FILE, create_app
from refplatform.db import open_db
from refplatform.problems import PROBLEMS, WIRE_CODE, wire_codes
from tests.refplatform.conftest import IDS, PEOPLE

DOC = json.loads(OPENAPI_FILE.read_text("utf-8"))
METHODS = ("get", "post", "put", "delete", "patch")


def doc_operations() -> set[tuple[str, str, str]]:
    return {(path, m.upper(), op["operationId"]) for path, item in DOC["paths"].items()
            for m, op in item.items() if m in METHODS}


def test_document_is_valid_openapi_3_1():
    assert DOC["openapi"].startswith("3.1")
    validate_spec(DOC)


def test_every_route_is_documented_with_its_methods_and_name_and_vice_versa(tmp_path):
    app = create_app(open_db(str(tmp_path / "routes.sqlite3")), test_control=True).fastapi_app
    routes = {(r.path, m, r.name) for r in app.router.routes if isinstance(r, Route)
              for m in r.methods - {"HEAD"}}
    assert routes == doc_operations()


def test_documented_problem_codes_are_exactly_the_registered_ones():
    enum = set(DOC["components"]["schemas"]["Problem"]["properties"]["code"]["enum"])
    per_op = set()
    for _, item in DOC["paths"].items():
        for m, op in item.items():
            if m in METHODS:
                per_op |= set(op["x-problem-codes"])
                for status, resp in op["responses"].items():
                    for code in resp.get("x-problem-codes", []):
                        assert code in op["x-problem-codes"]
                        key = next(k for k in PROBLEMS if WIRE_CODE.get(k, k) == code and str(PROBLEMS[k][0]) == status)
                        assert key, (code, status)
    assert enum == per_op == wire_codes()


def test_every_registered_problem_is_raised_somewhere_in_the_server():
    used = set()
    for path in Path(OPENAPI_FILE).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", ""))
                    in ("ProblemError", "problem_bytes", "_reject") and node.args):
                for arg in node.args[:3]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value in PROBLEMS:
                        used.add(arg.value)
    assert used == set(PROBLEMS)


def test_served_document_is_the_file(platform):
    resp = requests.get(platform.url + "/openapi.json", timeout=10)
    assert resp.status_code == 200 and resp.json() == DOC
    assert requests.get(platform.url + "/docs", timeout=10).status_code == 404


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    registry = Registry().with_resource("urn:doc", Resource.from_contents(DOC, default_specification=DRAFT202012))
    text = json.dumps(schema).replace('"#/components', '"urn:doc#/components')
    return jsonschema.Draft202012Validator(json.loads(text), registry=registry)


def check(resp: requests.Response, path: str, method: str) -> None:
    op = DOC["paths"][path][method]
    entry = op["responses"][str(resp.status_code)]
    media = "application/problem+json" if resp.status_code >= 400 else "application/json"
    assert resp.headers["content-type"].startswith(media)
    _validator(entry["content"][media]["schema"]).validate(resp.json())
    if resp.status_code >= 400:
        assert resp.json()["code"] in entry["x-problem-codes"]


@pytest.mark.parametrize("method,template,url,body", [
    ("get", "/api/v1/health", "/api/v1/health", None),
    ("post", "/api/v1/identity/verify", "/api/v1/identity/verify", {"method": "id_card", "id_number": IDS["chen"]}),
    ("post", "/api/v1/identity/verify", "/api/v1/identity/verify", {"method": "e_id", "e_id_token": "EID-NONE-X"}),
    ("get", "/api/v1/persons/{person_ref}/shared-data", f"/api/v1/persons/{PEOPLE['li']}/shared-data", None),
    ("get", "/api/v1/persons/{person_ref}/certificates", f"/api/v1/persons/{PEOPLE['li']}/certificates", None),
    ("get", "/api/v1/applications", f"/api/v1/applications?person_ref={PEOPLE['zhang']}", None),
    ("get", "/api/v1/applications/{application_no}", "/api/v1/applications/SL20261026A0000004", None),
    ("get", "/api/v1/applications/{application_no}", "/api/v1/applications/SL20261011A0000008", None),
    ("get", "/api/v1/applications/{application_no}", "/api/v1/applications/SL20261020A0000002", None),
    ("get", "/api/v1/results/{pickup_code}", f"/api/v1/results/27182818?person_ref={PEOPLE['zhang']}", None),
    ("get", "/api/v1/results/{pickup_code}", f"/api/v1/results/16180339?person_ref={PEOPLE['chen']}", None),
    ("get", "/api/v1/results/{pickup_code}", f"/api/v1/results/17320508?person_ref={PEOPLE['li']}", None),
    ("post", "/api/v1/applications", "/api/v1/applications",
     {"items": ["HRSS-001"], "person_ref": PEOPLE["chen"], "delivery": "courier", "contact_phone": "13800000003",
      "materials": [{"code": "id_card", "via": "certificate", "cert_id": "EC-CHEN-ID"}]}),
    ("post", "/api/v1/applications", "/api/v1/applications",
     {"items": ["MED-004"], "person_ref": PEOPLE["chen"], "delivery": "courier", "contact_phone": "13800000003"}),
    ("post", "/api/v1/evaluations", "/api/v1/evaluations", {"application_no": "SL20261015A0000005", "level": 9}),
])
def test_answers_match_the_documented_schemas(api, method, template, url, body):
    check(api.call(method.upper(), url, body), template, method)
