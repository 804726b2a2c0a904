"""Sovereign bond-market stress (spec 05): auctions, yields, ownership, scorecard, doom loop."""
