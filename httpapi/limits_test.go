package httpapi_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/affaldsbot/affaldsbot/httpapi"
)

// dialFrom connects to addr from the loopback address local (127.0.0.x).
func dialFrom(t *testing.T, local, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil && strings.Contains(err.Error(), "assign requested address") {
		t.Skipf("this system does not route %s to loopback: %v", local, err)
	} else if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// closedSoon reports whether the server closed c within d.
func closedSoon(c net.Conn, d time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(d))
	_, err := c.Read(make([]byte, 1))
	ne, ok := err.(net.Error)
	return err != nil && !(ok && ne.Timeout())
}

func TestListenerCapsConnectionsPerHostAndInAll(t *testing.T) {
	ln, err := httpapi.Listen("127.0.0.1:0", httpapi.Limits{MaxConns: 6, MaxConnsPerHost: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c
		}
	}()
	addr := ln.Addr().String()
	var first []net.Conn
	for range 4 {
		first = append(first, dialFrom(t, "127.0.0.2", addr))
	}
	if c := dialFrom(t, "127.0.0.2", addr); !closedSoon(c, time.Second) {
		t.Error("a fifth connection from one host was kept open")
	}
	other := []net.Conn{dialFrom(t, "127.0.0.3", addr), dialFrom(t, "127.0.0.3", addr)}
	for _, c := range other {
		if closedSoon(c, 200*time.Millisecond) {
			t.Error("another host's connection was refused below the caps")
		}
	}
	if c := dialFrom(t, "127.0.0.4", addr); !closedSoon(c, time.Second) {
		t.Error("a seventh connection in all was kept open")
	}
	for range 6 {
		(<-accepted).Close() // the server lets go of its side
	}
	for _, c := range first {
		c.Close()
	}
	if c := dialFrom(t, "127.0.0.2", addr); closedSoon(c, 200*time.Millisecond) {
		t.Error("a connection was refused after the others closed")
	}
}

func TestServerHasEveryTimeout(t *testing.T) {
	s := httpapi.NewServer(nil, httpapi.DefaultLimits)
	for name, d := range map[string]time.Duration{"ReadHeaderTimeout": s.ReadHeaderTimeout, "ReadTimeout": s.ReadTimeout,
		"WriteTimeout": s.WriteTimeout, "IdleTimeout": s.IdleTimeout} {
		if d <= 0 || d > time.Minute {
			t.Errorf("%s = %v, want a bound of at most a minute", name, d)
		}
	}
}
