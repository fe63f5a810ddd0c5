package handlers

import "github.com/affaldsbot/affaldsbot/locale"

// Text returns the catalogue's text for key in lang (Danish when lang is
// unknown), formatted with args.
func Text(lang, key string, args ...any) string { return locale.NewPrinter(lang).Printf(key, args...) }

// T is Text in the service's language.
func (s *Service) T(key string, args ...any) string { return Text(s.Settings.Lang, key, args...) }

// printer formats the catalogue's texts (package locale) in the service's
// language.
func (s *Service) printer() *locale.Printer { return locale.NewPrinter(s.Settings.Lang) }
