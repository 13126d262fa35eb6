package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"google.golang.org/grpc"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// InstallDependencies runs the package manager's install in the program's package
// (`pulumi install`, `pulumi new`, policy packs), streaming its output.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	dir := programDirectory(info, req.GetDirectory()) //nolint:staticcheck // Directory: older engines
	pkgDir := packageDir(dir, info.GetRootDirectory())
	manager := packageManager(opts.packagemanager, pkgDir)

	cmd := exec.CommandContext(server.Context(), manager, "install")
	cmd.Dir = pkgDir
	cmd.Env = os.Environ()
	err = streamOutput(cmd, func(stdout, stderr []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: stdout, Stderr: stderr})
	})
	if err != nil {
		return fmt.Errorf("`%s install` in %s failed: %w", manager, pkgDir, err)
	}
	return nil
}

// packageDir is the folder of the program's package.json: the program directory or
// the nearest parent holding one, up to the project root.
func packageDir(programDir, root string) string {
	for d := programDir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "package.json")); err == nil {
			return d
		}
		if d == root || filepath.Dir(d) == d || root == "" {
			break
		}
	}
	if root != "" {
		return root
	}
	return programDir
}

// packageManager is the one named in the options, else the one whose lock file is
// there, else npm.
func packageManager(option, dir string) string {
	if option != "" && option != "auto" {
		return option
	}
	for _, lock := range []struct{ file, manager string }{
		{"package-lock.json", "npm"}, {"yarn.lock", "yarn"}, {"pnpm-lock.yaml", "pnpm"},
		{"bun.lock", "bun"}, {"bun.lockb", "bun"},
	} {
		if _, err := os.Stat(filepath.Join(dir, lock.file)); err == nil {
			return lock.manager
		}
	}
	return "npm"
}
