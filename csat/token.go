package csat

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
)

// A token is 16 bytes of id and 16 bytes of signature, base64url without
// padding (43 characters). The id is derived from the reply with the key,
// so it is the same every time the reply's mail is built and cannot be
// guessed from the reply's number; the signature lets a forged or mistyped
// token be refused before the database is asked. Only the SHA-256 of the id
// is stored.
const (
	idLen    = 16
	macLen   = 16
	tokenLen = 43 // base64url of idLen+macLen bytes
)

// errBadToken is a token that is malformed or not signed with our key.
var errBadToken = errors.New("csat: bad token")

// signer makes and checks tokens with one key.
type signer struct{ key []byte }

func (s signer) sum(label string, data []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(label))
	m.Write([]byte{0})
	m.Write(data)
	return m.Sum(nil)
}

// token is the token of a reply.
func (s signer) token(messageID int64) string {
	id := s.sum("affaldsbot csat id", []byte(strconv.FormatInt(messageID, 10)))[:idLen]
	raw := make([]byte, 0, idLen+macLen)
	raw = append(append(raw, id...), s.sum("affaldsbot csat mac", id)[:macLen]...)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// check verifies a token's signature and returns the hash it is stored by.
func (s signer) check(token string) (hash string, err error) {
	if len(token) != tokenLen {
		return "", errBadToken
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || len(raw) != idLen+macLen {
		return "", errBadToken
	}
	id, mac := raw[:idLen], raw[idLen:]
	if !hmac.Equal(mac, s.sum("affaldsbot csat mac", id)[:macLen]) {
		return "", errBadToken
	}
	return hashOf(id), nil
}

// hashOf is how a token id or a form nonce is stored.
func hashOf(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
