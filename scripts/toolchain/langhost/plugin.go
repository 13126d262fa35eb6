package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"

	"google.golang.org/grpc"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// RunPlugin runs a plugin written in Node.js: a policy pack (kind "analyzer", for
// `pulumi preview --policy-pack DIR`) or a resource/tool plugin. Its program is
// the pack's directory, run by the entry point of the pack's own @pulumi/pulumi:
//
//	node .../@pulumi/pulumi/cmd/run-policy-pack ENGINE_ADDRESS PACK_DIR
//	node .../@pulumi/pulumi/cmd/run-plugin PLUGIN_DIR ARGS...
//
// The plugin writes its port on the first line of its standard output, which
// the engine reads from the stream; the last message is the exit code.
func (h *host) RunPlugin(
	req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	info := req.GetInfo()
	dir := programDirectory(info, req.GetProgram(), req.GetPwd()) //nolint:staticcheck // Program: older engines
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	program := filepath.Join(dir, entry)
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}

	send := func(stdout, stderr []byte) error {
		if stderr != nil {
			return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: stderr}})
		}
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: stdout}})
	}
	exitCode := func(code int) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
	}

	name := "run-plugin"
	if req.GetKind() == "analyzer" {
		name = "run-policy-pack"
	}
	script, err := findSDKScript(dir, name)
	if err != nil {
		// The engine turns this message into "try running npm install in DIR".
		_ = send(nil, []byte("Error: Cannot find module '@pulumi/pulumi/cmd/"+name+"': "+err.Error()+"\n"))
		return exitCode(1)
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, script)
	if name == "run-policy-pack" {
		// The engine passes its own address as the first argument.
		engine, rest := h.engineAddress, req.GetArgs()
		if len(rest) > 0 {
			engine, rest = rest[0], rest[1:]
		}
		args = append(args, engine, program)
		args = append(args, rest...)
	} else {
		args = append(args, program)
		args = append(args, req.GetArgs()...)
	}

	cmd := exec.CommandContext(server.Context(), "node", args...)
	cmd.Dir = dir
	cmd.Env = req.GetEnv()
	if len(cmd.Env) == 0 {
		cmd.Env = os.Environ()
	}
	err = streamOutput(cmd, send)
	var exit *exec.ExitError
	switch {
	case server.Context().Err() != nil:
		return server.Context().Err()
	case err == nil:
		return exitCode(0)
	case errors.As(err, &exit):
		return exitCode(exit.ExitCode())
	default:
		return err
	}
}
