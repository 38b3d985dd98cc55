"""Verification rounds: what we hold about an organisation, sent to its people to check.

Public sources give only part of the field; the rest is known to the people in it. A
round sends each organisation, partnership, alliance or network one workbook with
everything the graph says about it, each fact with its source and the date it was last
checked, and a column to answer: klopt (correct), wijzigen (change) or vervalt (ended).

- `facts`: what the graph says about one subject, as the rows of its workbook;
- `workbook`: the workbook's layout (sheets, columns, answers) and how it is written;
- `export`: which subjects a round covers, and one workbook per subject into a folder.
"""
