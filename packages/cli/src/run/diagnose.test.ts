import { expect, test } from "vitest";
import { diagnose } from "./diagnose.js";

const context = { registry: "127.0.0.1:5000", passwordRef: "account.pass" };

test.each([
  ["Error: pushing image: unauthorized: authentication required", "127.0.0.1:5000 refused the login: check the connector's username and the value of secret account.pass"],
  ["received unexpected HTTP status: 401 Unauthorized", "127.0.0.1:5000 refused the login: check the connector's username and the value of secret account.pass"],
  ["errors: denied: requested access to the resource is denied", "127.0.0.1:5000 denied the push: the connector's user may not push to this repository"],
  ['Get "https://127.0.0.1:5000/v2/": http: server gave HTTP response to HTTPS client', "127.0.0.1:5000 speaks plain HTTP: write the connector URL as http://..., or set the stage variable PLUGIN_INSECURE=true"],
  ["tls: failed to verify certificate: x509: certificate signed by unknown authority", "127.0.0.1:5000 presented a TLS certificate that is not trusted: use a trusted certificate, or set the stage variable PLUGIN_SKIP_TLS_VERIFY=true"],
  ['dial tcp 127.0.0.1:5999: connect: connection refused', "cannot reach 127.0.0.1:5000: check the host and port in the image name and that the registry is running"],
  ["lookup registry.invalid: no such host", "cannot reach 127.0.0.1:5000: check the host and port in the image name and that the registry is running"],
])("%s", (line, cause) => {
  expect(diagnose(["some progress", line], context)).toBe(cause);
});

test("output with no known cause gives none", () => {
  expect(diagnose(["STEP 2/3: COPY missing.txt /", "Error: building at STEP: no such file or directory"], context)).toBeUndefined();
});

test("without a password reference (anonymous), the hint names only the username", () => {
  expect(diagnose(["unauthorized"], { registry: "r.example.com" })).toBe("r.example.com refused the login: check the connector's username");
});
