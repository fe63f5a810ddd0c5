package mail

import (
	"github.com/emersion/go-sasl"
)

// xoauth2Client is the XOAUTH2 SASL mechanism of Google and Microsoft 365.
type xoauth2Client struct {
	username, token string
}

// NewXOAUTH2Client returns a SASL client that authenticates username with an
// OAuth 2.0 bearer token.
func NewXOAUTH2Client(username, token string) sasl.Client {
	return &xoauth2Client{username: username, token: token}
}

// Start sends "user=<user>\x01auth=Bearer <token>\x01\x01".
func (c *xoauth2Client) Start() (string, []byte, error) {
	ir := "user=" + c.username + "\x01auth=Bearer " + c.token + "\x01\x01"
	return "XOAUTH2", []byte(ir), nil
}

// Next answers the server's error challenge (a JSON status) with an empty
// response, after which the server fails the exchange.
func (c *xoauth2Client) Next([]byte) ([]byte, error) {
	return []byte{}, nil
}
