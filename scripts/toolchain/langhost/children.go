package main

import (
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"syscall"
)

// The processes this host started and that are still running (programs, policy
// packs, package managers): ended with the host, so none outlives the CLI.
var children = struct {
	sync.Mutex
	running map[*exec.Cmd]struct{}
}{running: map[*exec.Cmd]struct{}{}}

// startTracked starts cmd and remembers it until waitTracked.
func startTracked(cmd *exec.Cmd) error {
	children.Lock()
	defer children.Unlock()
	if err := cmd.Start(); err != nil {
		return err
	}
	children.running[cmd] = struct{}{}
	return nil
}

func waitTracked(cmd *exec.Cmd) error {
	err := cmd.Wait()
	children.Lock()
	delete(children.running, cmd)
	children.Unlock()
	return err
}

func runTracked(cmd *exec.Cmd) error {
	if err := startTracked(cmd); err != nil {
		return err
	}
	return waitTracked(cmd)
}

func killChildren() {
	children.Lock()
	defer children.Unlock()
	for cmd := range children.running {
		_ = cmd.Process.Kill()
	}
}

// exitOnSignal ends the children too when the engine terminates the host.
func exitOnSignal() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	<-signals
	killChildren()
	os.Exit(1)
}
