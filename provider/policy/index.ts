/**
 * The policy pack for exam catalogues, run with
 * `pulumi preview --policy-pack node_modules/pulumi-proctor/policy`
 * (policy/package.json points here). Needs @pulumi/policy installed next to the package.
 */
import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./policies";

new PolicyPack("pulumi-proctor", { policies: POLICIES });
