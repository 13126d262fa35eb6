package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// About names the node that runs programs and its version (`pulumi about`).
func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("node is not on PATH: %w", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
	}, nil
}

// GetProgramDependencies lists the direct dependencies in the program's
// package.json, each with its installed version when there is one.
func (h *host) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	info := req.GetInfo()
	dir := programDirectory(info, req.GetPwd()) //nolint:staticcheck // Pwd: older engines
	pkgDir := packageDir(dir, info.GetRootDirectory())
	var manifest struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	text, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if os.IsNotExist(err) {
		return &pulumirpc.GetProgramDependenciesResponse{}, nil
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(text, &manifest); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(pkgDir, "package.json"), err)
	}
	wanted := map[string]string{}
	for name, version := range manifest.DevDependencies {
		wanted[name] = version
	}
	for name, version := range manifest.Dependencies {
		wanted[name] = version
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(wanted))
	for name, version := range wanted {
		if installed := installedVersion(pkgDir, name); installed != "" {
			version = installed
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: version})
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].Name < deps[j].Name })
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// installedVersion is the version of the package Node would load from dir, or "".
func installedVersion(dir, name string) string {
	for d := dir; ; d = filepath.Dir(d) {
		text, err := os.ReadFile(filepath.Join(d, "node_modules", name, "package.json"))
		if err == nil {
			var pkg struct {
				Version string `json:"version"`
			}
			if json.Unmarshal(text, &pkg) == nil {
				return pkg.Version
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
