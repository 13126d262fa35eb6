// The smallest program with a dynamic resource: proves the toolchain (CLI,
// language host, dynamic-provider plugin, Node) end to end, independent of Proctor.
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `greeting-${inputs.name}`, outs: { ...inputs, greeting: `hello, ${inputs.name}` } };
  },
};

class Greeting extends pulumi.dynamic.Resource {
  declare readonly greeting: pulumi.Output<string>;
  constructor(name: string) {
    super(provider, name, { name, greeting: undefined }, {}, "smoke", "Greeting");
  }
}

export const greeting = new Greeting("world").greeting;
