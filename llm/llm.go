// Package llm talks to a chat-completion model: OpenAI, Azure OpenAI or any
// OpenAI-compatible server (Ollama, vLLM). It is the only importer of
// go-openai. It sends what it is given; keeping personal data out of the
// prompt is the caller's task (package redact).
package llm

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/affaldsbot/affaldsbot/redact"
)

// Defaults.
const (
	DefaultModel   = "gpt-4o-mini"
	DefaultTimeout = 60 * time.Second
	azureVersion   = "2024-10-21"
)

// Config says which model to ask and how to reach it (OPENAI_* settings).
type Config struct {
	APIKey          string
	BaseURL         string // includes /v1 for OpenAI-compatible servers; empty: OpenAI
	Model           string
	AzureAPIVersion string // set (or an *.openai.azure.com base URL): Azure OpenAI
	AzureDeployment string // Azure: the deployment; default the model name
	Timeout         time.Duration
}

// Azure reports whether the configuration points at Azure OpenAI.
func (c Config) Azure() bool {
	return c.AzureAPIVersion != "" || strings.Contains(strings.ToLower(c.BaseURL), ".openai.azure.com")
}

// Client streams chat completions from one model.
type Client struct {
	api      *openai.Client
	model    string
	timeout  time.Duration
	provider string
}

// New checks cfg and returns a client; it makes no request.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" && cfg.BaseURL == "" {
		return nil, errors.New("llm: OPENAI_API_KEY or OPENAI_BASE_URL is needed")
	}
	if cfg.BaseURL != "" {
		if u, err := url.Parse(cfg.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("llm: OPENAI_BASE_URL %q is not an http(s) URL", redact.URL(cfg.BaseURL))
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	oc, model, provider, err := clientConfig(cfg)
	if err != nil {
		return nil, err
	}
	oc.HTTPClient = &http.Client{} // the per-call context bounds the time; a stream must not be cut by a client timeout
	return &Client{api: openai.NewClientWithConfig(oc), model: model, timeout: cfg.Timeout, provider: provider}, nil
}

func clientConfig(cfg Config) (openai.ClientConfig, string, string, error) {
	switch {
	case cfg.Azure():
		return azureConfig(cfg)
	case cfg.BaseURL != "":
		if cfg.Model == "" {
			return openai.ClientConfig{}, "", "", errors.New("llm: OPENAI_MODEL is needed with OPENAI_BASE_URL")
		}
		oc := openai.DefaultConfig(cfg.APIKey)
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
		return oc, cfg.Model, fmt.Sprintf("openai-compatible %s (model %s)", redact.URL(oc.BaseURL), cfg.Model), nil
	}
	model := cmpOr(cfg.Model, DefaultModel)
	return openai.DefaultConfig(cfg.APIKey), model, fmt.Sprintf("openai (model %s)", model), nil
}

func azureConfig(cfg Config) (openai.ClientConfig, string, string, error) {
	if cfg.BaseURL == "" {
		return openai.ClientConfig{}, "", "", errors.New("llm: OPENAI_BASE_URL (https://NAME.openai.azure.com/) is needed for Azure OpenAI")
	}
	deployment := cmpOr(cfg.AzureDeployment, cfg.Model)
	if deployment == "" {
		return openai.ClientConfig{}, "", "", errors.New("llm: OPENAI_MODEL or OPENAI_AZURE_DEPLOYMENT is needed for Azure OpenAI")
	}
	oc := openai.DefaultAzureConfig(cfg.APIKey, strings.TrimRight(cfg.BaseURL, "/"))
	oc.APIVersion = cmpOr(cfg.AzureAPIVersion, azureVersion)
	oc.AzureModelMapperFunc = func(string) string { return deployment }
	model := cmpOr(cfg.Model, deployment)
	return oc, model, fmt.Sprintf("azure %s (deployment %s, api-version %s)", redact.URL(oc.BaseURL), deployment, oc.APIVersion), nil
}

// Provider names the server and model, for start-up logs; it holds no
// secret: credentials in the base URL are redacted.
func (c *Client) Provider() string { return c.provider }

// Model is the model name sent with each request.
func (c *Client) Model() string { return c.model }

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
