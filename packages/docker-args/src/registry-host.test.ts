import { expect, test } from "vitest";
import { loginHost, repositoryHost } from "./registry-host.js";

test.each([
  ["https://index.docker.io/v1/", "docker.io"],
  ["https://index.docker.io/v2/", "docker.io"],
  ["https://registry.hub.docker.com/v2/", "docker.io"],
  ["docker.io", "docker.io"],
  ["https://Registry.Example.com/v2/", "registry.example.com"],
  ["http://127.0.0.1:5000", "127.0.0.1:5000"],
  ["myreg.azurecr.io", "myreg.azurecr.io"],
])("the login address %j is the registry %j", (address, host) => {
  expect(loginHost(address)).toBe(host);
});

test.each([
  ["acme/app", { host: "docker.io", explicit: false }],
  ["index.docker.io/acme/app", { host: "docker.io", explicit: true }],
  ["registry.example.com:5000/app", { host: "registry.example.com:5000", explicit: true }],
])("the repository %j is pushed to %j", (repo, host) => {
  expect(repositoryHost(repo)).toEqual(host);
});
