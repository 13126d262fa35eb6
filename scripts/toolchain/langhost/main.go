// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi CLI.
//
// The upstream host lives in a Go module that the Go module proxy reachable from
// here does not serve, so the project builds this one instead. It does what the
// official host does for the commands users run on a Node.js project:
//   - Run (preview/up/refresh/destroy): the program runs through the `cmd/run` entry
//     point of the @pulumi/pulumi package the program itself has installed, with
//     TypeScript on unless Pulumi.yaml says `typescript: false` (options.go);
//   - RunPlugin (`pulumi preview --policy-pack DIR`): plugin.go;
//   - InstallDependencies (`pulumi install`, `pulumi new`): install.go;
//   - About and GetProgramDependencies (`pulumi about`): about.go.
//
// Code generation (`pulumi convert`, `pulumi package gen-sdk`) is left unimplemented,
// which the engine reports as such.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is stamped at build time with the Pulumi release the CLI was built from.
var version = "0.0.0-dev"

// exitAfterLoggedError is the exit code @pulumi/pulumi's cmd/run uses when it has
// already shown the user an actionable message, so no second message is wanted.
const exitAfterLoggedError = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	// The engine passes logging flags first and its own address last.
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pulumi-language-nodejs [flags] ENGINE_ADDRESS")
		os.Exit(1)
	}
	h := &host{engineAddress: os.Args[len(os.Args)-1]}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(s, h)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of our standard output.
	fmt.Printf("%d\n", handle.Port)
	go exitWhenOrphaned()
	go exitOnSignal()
	err = <-handle.Done
	killChildren()
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// The programs this host runs need no plugins beyond the dynamic provider, which
// ships with @pulumi/pulumi and is found on PATH.
func (h *host) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := programDirectory(info, req.GetPwd())
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runScript, err := findSDKScript(programDir, "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args,
		runScript,
		"--monitor="+req.GetMonitorAddress(),
		"--engine="+h.engineAddress,
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--organization="+req.GetOrganization(),
		"--root-directory="+info.GetRootDirectory(),
		"--pwd="+req.GetPwd(),
		"--parallel="+strconv.Itoa(int(req.GetParallel())),
	)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	// With no `main`, cmd/run is given "." and takes the entry point from the
	// package.json's `exports` or `main`, else the folder itself (index.ts or index.js).
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = "."
	}
	if entry == "." && filepath.Clean(programDir) == filepath.Clean(req.GetPwd()) {
		args = append(args, ".")
	} else {
		args = append(args, filepath.Join(programDir, entry))
	}
	args = append(args, req.GetArgs()...)

	// An empty config must reach the program as {} and [], not null: the SDK's
	// config reader calls Object.keys on it.
	configMap := req.GetConfig()
	if configMap == nil {
		configMap = map[string]string{}
	}
	secretKeyList := req.GetConfigSecretKeys()
	if secretKeyList == nil {
		secretKeyList = []string{}
	}
	config, err := json.Marshal(configMap)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(secretKeyList)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	cmd.Env = append(cmd.Env, opts.runEnv()...)
	err = runTracked(cmd)
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exit) && exit.ExitCode() == exitAfterLoggedError:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit):
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("the Node.js program exited with code %d", exit.ExitCode()),
		}, nil
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start node: %v", err)}, nil
	}
}

// findSDKScript finds the entry point @pulumi/pulumi/cmd/NAME of the program's own
// SDK, as Node's require would from dir.
func findSDKScript(dir, name string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		candidate := filepath.Join(d, "node_modules", "@pulumi", "pulumi", "cmd", name, "index.js")
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("@pulumi/pulumi is not installed for the program in %s: run npm install", dir)
		}
	}
}

// exitWhenOrphaned ends the host once the engine that started it is gone: a
// killed CLI leaves its plugins reparented, and nothing else would stop us.
func exitWhenOrphaned() {
	parent := os.Getppid()
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			killChildren()
			os.Exit(1)
		}
	}
}
