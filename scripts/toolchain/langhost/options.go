package main

import (
	"fmt"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// runtimeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPolicy.yaml)
// that this host understands, with the official host's names and defaults.
type runtimeOptions struct {
	// typescript runs .ts programs through ts-node, as @pulumi/pulumi's cmd/run does
	// when PULUMI_NODEJS_TYPESCRIPT is true. On unless set to false.
	typescript bool
	// tsconfig is the TypeScript configuration file, relative to the project root.
	tsconfig string
	// nodeargs are extra arguments for node, before the entry point.
	nodeargs []string
	// packagemanager is npm, yarn, pnpm or bun; found from the lock file when unset.
	packagemanager string
}

func parseOptions(info *pulumirpc.ProgramInfo) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	values := info.GetOptions().AsMap()
	if v, ok := values["typescript"]; ok {
		b, err := boolOption("typescript", v)
		if err != nil {
			return opts, err
		}
		opts.typescript = b
	}
	for name, target := range map[string]*string{"tsconfig": &opts.tsconfig, "packagemanager": &opts.packagemanager} {
		if v, ok := values[name]; ok {
			s, ok := v.(string)
			if !ok {
				return opts, fmt.Errorf("runtime option %q must be a string, got %v", name, v)
			}
			*target = s
		}
	}
	if v, ok := values["nodeargs"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, fmt.Errorf("runtime option \"nodeargs\" must be a string, got %v", v)
		}
		opts.nodeargs = strings.Fields(s)
	}
	switch opts.packagemanager {
	case "", "auto", "npm", "yarn", "pnpm", "bun":
	default:
		return opts, fmt.Errorf("runtime option \"packagemanager\" must be npm, yarn, pnpm or bun, got %q", opts.packagemanager)
	}
	return opts, nil
}

func boolOption(name string, v any) (bool, error) {
	switch b := v.(type) {
	case bool:
		return b, nil
	case string:
		switch strings.ToLower(b) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, fmt.Errorf("runtime option %q must be true or false, got %v", name, v)
}

// runEnv is the environment by which @pulumi/pulumi's cmd/run learns the options.
func (o runtimeOptions) runEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// programDirectory is info's program directory, else the first non-empty
// fallback (the fields older engines send instead).
func programDirectory(info *pulumirpc.ProgramInfo, fallbacks ...string) string {
	for _, dir := range append([]string{info.GetProgramDirectory()}, fallbacks...) {
		if dir != "" {
			return dir
		}
	}
	return ""
}
