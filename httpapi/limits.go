package httpapi

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Limits bound what one slow or hostile client can hold of a server: how
// long a request may take to arrive and its answer to leave, how long an
// idle connection stays open, and how many connections are open at once.
type Limits struct {
	ReadHeaderTimeout time.Duration // the request line and headers
	ReadTimeout       time.Duration // the whole request, body included
	WriteTimeout      time.Duration // from the end of the headers to the end of the answer
	IdleTimeout       time.Duration // a kept-alive connection between requests
	MaxConns          int           // connections open at once, in all
	MaxConnsPerHost   int           // connections open at once from one remote address
}

// DefaultLimits serve Slack (every request a few KiB, answered within
// Slack's 3 seconds), the contact centre's webhook (64 KiB at most) and a
// metrics scraper. A client that trickles its request is cut off after
// ReadTimeout; one address cannot take more than MaxConnsPerHost of the
// MaxConns connections, so a few hosts cannot starve the others.
var DefaultLimits = Limits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       10 * time.Second,
	WriteTimeout:      30 * time.Second,
	IdleTimeout:       60 * time.Second,
	MaxConns:          1024,
	MaxConnsPerHost:   64,
}

// NewServer is an http.Server for h with the limits' timeouts.
func NewServer(h http.Handler, l Limits) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.ReadHeaderTimeout, ReadTimeout: l.ReadTimeout,
		WriteTimeout: l.WriteTimeout, IdleTimeout: l.IdleTimeout}
}

// Listen listens on addr and closes at once every connection beyond the
// limits' caps (0: no cap).
func Listen(addr string, l Limits) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return LimitListener(ln, l), nil
}

// LimitListener wraps ln with the limits' connection caps.
func LimitListener(ln net.Listener, l Limits) net.Listener {
	return &capListener{Listener: ln, max: l.MaxConns, perHost: l.MaxConnsPerHost, open: map[string]int{}}
}

type capListener struct {
	net.Listener
	max, perHost int

	mu    sync.Mutex
	total int
	open  map[string]int // remote host → connections open
}

// Accept returns the next connection within the caps; one beyond them is
// closed before a byte is read.
func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := remoteHost(c)
		if l.take(host) {
			return &capConn{Conn: c, release: func() { l.give(host) }}, nil
		}
		c.Close()
	}
}

func (l *capListener) take(host string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if (l.max > 0 && l.total >= l.max) || (l.perHost > 0 && l.open[host] >= l.perHost) {
		return false
	}
	l.total++
	l.open[host]++
	return true
}

func (l *capListener) give(host string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.total--
	if l.open[host]--; l.open[host] <= 0 {
		delete(l.open, host)
	}
}

func remoteHost(c net.Conn) string {
	host, _, err := net.SplitHostPort(c.RemoteAddr().String())
	if err != nil {
		return c.RemoteAddr().String()
	}
	return host
}

// capConn gives its place back once, when it is closed.
type capConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *capConn) Close() error {
	c.once.Do(c.release)
	return c.Conn.Close()
}
