#!/usr/bin/env python3
# vim: set fileencoding=windows-1252 :
euro = "€ “quoted” – dash…"
