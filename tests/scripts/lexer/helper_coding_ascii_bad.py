# coding=us-ascii
x = "é"
