import sys, pathlib; HERE = pathlib.Path(__file__).resolve().parent; sys.path.insert(0, str(HERE)); from spec_helper import build
D=str(HERE.parent)+'/'
n='03-gaza-khan-younis-strikes'
I='israel-defense-forces'; M='gaza-health-ministry'; U='un-special-coordinator-mepp'
build(D+n+'.txt',
 quotes=[(I,'terrorist infrastructure'),(I,'several terrorists'),('hamas','a flagrant breach of the ceasefire agreement'),('hamas','as long as the occupation respects it'),('egypt|qatar','in continuous contact with both parties'),('israel-government-spokesman','respond forcefully to every violation'),(U,'alarmed'),(U,'preserve what has been achieved')],
 dates=[('Wednesday night','2026-03-04 night'),('October last year','2025-10'),('earlier on Wednesday','2026-03-04'),('Thursday','2026-03-05'),('Monday','2026-03-02'),('October 7, 2023','2023-10-07')],
 mentions=[('Israeli','israel'),('Gaza','gaza'),
  ('Israeli','israel'),('Palestinians','palestine'),('Khan Younis','khan-younis'),('Gaza City','gaza-city'),('Gaza','gaza'),('health ministry',M),
  ('ministry',M),('Bani Suheila','bani-suheila'),('Khan Younis','khan-younis'),
  ('Israeli','israel'),('military',I),('Rafah','rafah'),
  ('Hamas','hamas'),('Israeli','israel'),('Hamas','hamas'),
  ('Egypt','egypt'),('Qatar','qatar'),('United States','united-states'),('Egyptian','egypt'),('Hamas','hamas'),('Cairo','cairo'),('Israeli','israel'),
  ('Israeli','israel'),('government spokesman','israel-government-spokesman'),('Israel','israel'),('Hamas','hamas'),
  ('Hamas','hamas'),('southern Israel','southern-israel'),('Israeli','israel'),('Israel','israel'),('Gaza','gaza'),('Palestinians','palestine'),('health ministry',M),('United Nations','united-nations'),
  ('UN','united-nations'),('special coordinator',U)],
 events=[('israeli-strikes-march-4','air strikes'),('rafah-shooting','opened fire'),('gaza-ceasefire','ceasefire'),('gaza-ceasefire-mediation','brokered'),('cairo-meeting','hosted'),('gaza-war','war'),('october-7-attack','attack'),('october-7-hostage-taking','taken hostage'),('israeli-offensive-gaza','offensive')],
 out=D+'tools/spec/'+n+'.spec.yaml')
