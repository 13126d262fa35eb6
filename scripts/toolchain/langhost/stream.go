package main

import (
	"io"
	"os/exec"
	"sync"
)

// streamOutput runs cmd and hands each chunk of its standard output and error
// to send (one call at a time, as a gRPC stream wants), until both are closed;
// it returns cmd's result.
func streamOutput(cmd *exec.Cmd, send func(stdout, stderr []byte) error) error {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := startTracked(cmd); err != nil {
		return err
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	pump := func(r io.Reader, isStderr bool) {
		defer wg.Done()
		buf := make([]byte, 32*1024)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				chunk := append([]byte(nil), buf[:n]...)
				mu.Lock()
				if isStderr {
					_ = send(nil, chunk)
				} else {
					_ = send(chunk, nil)
				}
				mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, false)
	go pump(stderr, true)
	wg.Wait()
	return waitTracked(cmd)
}
