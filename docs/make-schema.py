#!/usr/bin/env python3
"""Writes docs/inspect.schema.json: the JSON Schema (2020-12) of `certinfo inspect -f json`,
schema 1 (README.md, "certinfo inspect"). The extension value shapes are listed once, by
extension name, and the schema checks each extension's `value` against its name's shape.

    python3 docs/make-schema.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def S(**kw):
    return dict(type="string", **kw)


def I():
    return {"type": "integer"}


def N(t):
    return {"type": [t, "null"]}


def obj(props):
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": False}


def arr(items):
    return {"type": "array", "items": items}


def ref(n):
    return {"$ref": f"#/$defs/{n}"}


def nullable(r):
    return {"anyOf": [r, {"type": "null"}]}


defs = {
    "oid": {"type": "string", "pattern": r"^[0-2](\.[0-9]+)+$"},
    "rfc3339": {"type": "string",
                "pattern": r"^-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?Z$"},
    "hexColon": {"type": "string", "pattern": r"^([0-9A-F]{2}(:[0-9A-F]{2})*)?$"},
    "hex": {"type": "string", "pattern": r"^([0-9a-f]{2})*$"},
}
defs["serial"] = obj({"hex": S(pattern=r"^-?[0-9a-f]+$"), "decimal": S(pattern=r"^-?[0-9]+$")})
defs["algorithm"] = obj({"name": S(), "oid": ref("oid")})
defs["dn"] = obj({"dn": S(), "attributes": arr(obj({
    "type": S(), "oid": ref("oid"), "value": S(), "multiValued": {"type": "boolean"}}))})
defs["generalName"] = obj({"type": {"enum": [
    "dns", "email", "uri", "ip", "directory", "registeredId", "otherName", "ediPartyName",
    "x400Address"]}, "value": S()})
defs["generalNames"] = arr(ref("generalName"))
defs["publicKey"] = obj({
    "algorithm": S(), "oid": S(), "bits": N("integer"), "curve": N("string"),
    "curveOid": N("string"), "exponent": {"type": ["string", "null"], "pattern": "^[0-9]+$"},
    "spkiSha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}})
defs["signature"] = obj({"valid": N("boolean"), "detail": S()})
defs["pem"] = {"type": "string", "pattern": "^-----BEGIN [A-Z0-9 ]+-----\n"}

ACCESS = obj({"access": arr(obj({
    "method": N("string"), "methodOid": ref("oid"), "location": ref("generalName")}))})
VALUES = {
    "basicConstraints": obj({"ca": {"type": "boolean"}, "pathLen": N("integer")}),
    "keyUsage": obj({"usages": arr({"enum": [
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
        "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"]})}),
    "extKeyUsage": obj({"purposes": arr(obj({"oid": ref("oid"), "name": N("string")}))}),
    "subjectAltName": obj({"names": ref("generalNames")}),
    "issuerAltName": obj({"names": ref("generalNames")}),
    "subjectKeyIdentifier": obj({"keyId": ref("hexColon")}),
    "authorityKeyIdentifier": obj({
        "keyId": nullable(ref("hexColon")), "issuer": ref("generalNames"),
        "serial": nullable(ref("hexColon"))}),
    "cRLDistributionPoints": obj({"points": arr(obj({
        "fullName": ref("generalNames"), "relativeName": {"type": "boolean"},
        "reasons": {"type": ["array", "null"], "items": S()},
        "crlIssuer": ref("generalNames")}))}),
    "authorityInfoAccess": ACCESS,
    "subjectInfoAccess": ACCESS,
    "certificatePolicies": obj({"policies": arr(obj({
        "oid": ref("oid"), "name": N("string"), "cps": arr(S()), "notices": arr(S()),
        "otherQualifiers": arr(ref("oid"))}))}),
    "policyMappings": obj({"mappings": arr(obj({
        "issuerDomainPolicy": ref("oid"), "subjectDomainPolicy": ref("oid")}))}),
    "nameConstraints": obj({"permitted": ref("generalNames"), "excluded": ref("generalNames")}),
    "policyConstraints": obj({
        "requireExplicitPolicy": N("integer"), "inhibitPolicyMapping": N("integer")}),
    "inhibitAnyPolicy": obj({"skipCerts": I()}),
    "signedCertificateTimestampList": obj({"scts": arr(obj({
        "version": I(), "logId": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "timestamp": ref("rfc3339"), "timestampEpochMs": I(), "hashAlgorithm": S(),
        "signatureAlgorithm": S()}))}),
    "tlsFeature": obj({"features": arr(obj({"code": I(), "name": N("string")}))}),
    "netscapeComment": obj({"comment": S()}),
    "cRLNumber": obj({"number": S(pattern="^[0-9]+$")}),
}
# Named extensions with no decoder of their own (ctPrecertificatePoison, reasonCode,
# freshestCRL) and unnamed ones carry their value's bytes.
UNKNOWN = obj({"hex": ref("hex")})
branches = [{"if": {"properties": {"name": {"const": n}}, "required": ["name"]},
             "then": {"properties": {"value": shape}}} for n, shape in VALUES.items()]
branches.append({"if": {"properties": {"name": {"not": {"enum": list(VALUES)}}},
                        "required": ["name"]},
                 "then": {"properties": {"value": UNKNOWN}}})
defs["extension"] = {
    "type": "object",
    "properties": {"oid": ref("oid"), "name": N("string"), "critical": {"type": "boolean"},
                   "value": {"type": "object"}, "malformed": S()},
    "required": ["oid", "name", "critical"],
    "additionalProperties": False,
    "oneOf": [{"required": ["value"]}, {"required": ["malformed"]}],
    "allOf": branches,
}
defs["extensions"] = arr(ref("extension"))
defs["certificate"] = obj({
    "position": {"type": "integer", "minimum": 0}, "version": {"enum": [1, 2, 3]},
    "serial": ref("serial"), "signatureAlgorithm": ref("algorithm"),
    "issuer": ref("dn"), "subject": ref("dn"),
    "validity": obj({"notBefore": ref("rfc3339"), "notBeforeEpoch": I(),
                     "notAfter": ref("rfc3339"), "notAfterEpoch": I(), "daysLeft": I(),
                     "expired": {"type": "boolean"}}),
    "publicKey": nullable(ref("publicKey")),
    "extensions": {"anyOf": [ref("extensions"), obj({"malformed": S()}), {"type": "null"}]},
    "fingerprints": obj({
        "sha1": {"type": "string", "pattern": "^([0-9A-F]{2}:){19}[0-9A-F]{2}$"},
        "sha256": {"type": "string", "pattern": "^([0-9A-F]{2}:){31}[0-9A-F]{2}$"}}),
    "pem": nullable(ref("pem")),
})
defs["privateKey"] = {"oneOf": [
    obj({"described": {"const": False}}),
    obj({"described": {"const": True}, "algorithm": S(), "oid": ref("oid"),
         "bits": N("integer"), "curve": N("string"), "curveOid": nullable(ref("oid")),
         "matchesCertificate": N("boolean")}),
]}
defs["entry"] = obj({
    "kind": {"const": "entry"}, "source": S(), "alias": S(),
    "entryType": {"enum": ["privateKey", "trustedCertificate", "secretKey"]},
    "created": ref("rfc3339"), "createdEpoch": I(),
    "privateKey": nullable(ref("privateKey")),
    "certificates": arr(ref("certificate")),
})
defs["request"] = obj({
    "kind": {"const": "request"}, "source": S(), "version": I(), "subject": ref("dn"),
    "publicKey": ref("publicKey"), "signatureAlgorithm": ref("algorithm"),
    "signature": ref("signature"), "extensions": ref("extensions"),
    "attributes": arr(ref("oid")), "pem": ref("pem"),
})
defs["crl"] = obj({
    "kind": {"const": "crl"}, "source": S(), "version": {"enum": [1, 2]}, "issuer": ref("dn"),
    "signatureAlgorithm": ref("algorithm"), "signature": ref("signature"),
    "thisUpdate": ref("rfc3339"), "thisUpdateEpoch": I(),
    "nextUpdate": nullable(ref("rfc3339")), "nextUpdateEpoch": N("integer"),
    "revoked": arr(obj({
        "serial": ref("serial"), "date": ref("rfc3339"), "dateEpoch": I(),
        "reason": nullable(obj({"code": I(), "name": N("string")}))})),
    "extensions": ref("extensions"), "pem": ref("pem"),
})
schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "certinfo inspect -f json, schema 1",
    "description": "One document per run: every keystore entry or loose certificate, "
                   "certificate request and CRL, in input order. Made by docs/make-schema.py; "
                   "see README.md, 'certinfo inspect'.",
    "type": "object",
    "properties": {"schema": {"const": 1},
                   "items": arr({"oneOf": [ref("entry"), ref("request"), ref("crl")]}),
                   "unreadable": arr(obj({"input": S(), "error": S()}))},
    "required": ["schema", "items", "unreadable"],
    "additionalProperties": False,
    "$defs": defs,
}
with open(os.path.join(HERE, "inspect.schema.json"), "w") as f:
    json.dump(schema, f, indent=2)
    f.write("\n")
