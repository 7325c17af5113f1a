"""yiyang: check submitted spreadsheets against China's regional 医养结合 plans."""

__version__ = "0.1.0"
